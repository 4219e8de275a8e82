using GccSaaS.Modules.Identity.Data;

namespace GccSaaS.Modules.Identity.Api;

/// <summary>The identity area's /v1 resources: who the caller is, and the tenant's members.</summary>
internal static class IdentityApiEndpoints
{
    public static IEndpointRouteBuilder MapIdentityV1Endpoints(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapPartnerCenterApi().WithTags("Identity");

        v1.MapGet("/profiles/me", GetMe)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("GetMyProfile")
            .WithSummary("Who the caller is: the API key (or user), its tenant and its role there.");

        v1.MapGet("/users/{userId:guid}", GetUser)
            .RequireAuthorization(IdentityPolicies.CanManageUsers)
            .WithName("GetUser")
            .WithSummary("A member of the caller's tenant; another tenant's user is not found.");
        return endpoints;
    }

    private static IResult GetMe(ICurrentUserAccessor users, ITenantContextAccessor tenants)
    {
        // The endpoint requires a member of the tenant, so a caller is always there; answer 401 should that ever change.
        if (users.Current is not { } caller)
        {
            return Results.Unauthorized();
        }

        var tenant = tenants.RequireTenant();
        return Results.Ok(new ProfileResponse(
            caller.UserId,
            caller.ApiKeyId is null ? "user" : "apiKey",
            caller.DisplayName,
            caller.ApiKeyId,
            caller.TenantRole,
            caller.ResellerOrganisationId,
            new TenantResponse(tenant.Id, tenant.Identifier, tenant.Name),
            new ResourceAttributes("Profile")));
    }

    private static async Task<IResult> GetUser(Guid userId, ITenantContextAccessor tenants, GccSaaSIdentityDbContext db, HttpContext context)
    {
        var tenantId = tenants.RequireTenant().Id;
        var member = await db.Memberships.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.UserId == userId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new UserResponse(
                u.Id, u.DisplayName, u.Email ?? string.Empty, m.Role, m.ResellerOrganisationId, new ResourceAttributes("User")))
            .FirstOrDefaultAsync(context.RequestAborted);
        if (member is null)
        {
            await ApiProblem.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "No such user in this tenant.");
            return Results.Empty;
        }

        return Results.Ok(member);
    }
}

internal sealed record ResourceAttributes(string ObjectType);

internal sealed record TenantResponse(Guid Id, string Identifier, string Name);

internal sealed record ProfileResponse(
    Guid Id,
    string Kind,
    string DisplayName,
    Guid? ApiKeyId,
    string? Role,
    Guid? ResellerOrganisationId,
    TenantResponse Tenant,
    ResourceAttributes Attributes);

internal sealed record UserResponse(Guid Id, string DisplayName, string Email, string Role, Guid? ResellerOrganisationId, ResourceAttributes Attributes);
