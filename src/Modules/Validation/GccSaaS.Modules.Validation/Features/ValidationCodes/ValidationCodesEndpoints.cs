using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Data;

namespace GccSaaS.Modules.Validation.Features.ValidationCodes;

/// <summary>R-PC-2: <c>GET /v1/customers/all/validations</c>, Partner Center's list of GCC validation codes.</summary>
internal static class ValidationCodesEndpoints
{
    public static RouteGroupBuilder MapValidationCodes(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/all/validations", ListAsync)
            .RequireAuthorization(GccSaaSPolicies.ProviderUser)
            .WithName("ListGccValidationCodes");
        return v1;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        // Partner Center answers a bare array (the .NET SDK's GetValidationCodes reads one), with the partner's tenant ID.
        var items = await mediator.Send(new ListValidationCodesQuery(tenant.Id), cancellationToken);
        var partner = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        return Results.Ok(items.Select(i => i with { PartnerId = partner?.CommercialTenantId }).ToList());
    }
}

/// <summary>
/// Partner Center's <c>ValidationCode</c>: <c>partnerId</c> is the partner's commercial tenant ID (a GUID, as in Partner
/// Center), <c>eTag</c> changes whenever the code's uses change.
/// </summary>
internal sealed record ValidationCodeResource(Guid? PartnerId, string OrganizationName, string ValidationId, int MaxCreates, int RemainingCreates)
{
    [System.Text.Json.Serialization.JsonPropertyName("eTag")]
    public string ETag => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"{ValidationId}|{MaxCreates}|{RemainingCreates}")))[..32];
}

/// <summary>The codes of a tenant in Partner Center's shape (a partner has few codes: one answer, at most <see cref="MaxCodes"/>).</summary>
internal sealed record ListValidationCodesQuery(Guid TenantId) : IRequest<IReadOnlyList<ValidationCodeResource>>
{
    public const int MaxCodes = 500;
}

internal sealed class ListValidationCodesHandler(ValidationDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<ListValidationCodesQuery, IReadOnlyList<ValidationCodeResource>>
{
    public async Task<IReadOnlyList<ValidationCodeResource>> Handle(ListValidationCodesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidationCodeRules.EnsureCurrentTenant(tenants, request.TenantId);
        return await db.Codes
            .Where(c => c.TenantId == request.TenantId)
            .OrderBy(c => c.IssuedAt).ThenBy(c => c.ValidationId)
            .Take(ListValidationCodesQuery.MaxCodes)
            .Select(c => new ValidationCodeResource(null, c.OrganizationName, c.ValidationId, c.MaxCreates, c.RemainingCreates))
            .ToListAsync(cancellationToken);
    }
}
