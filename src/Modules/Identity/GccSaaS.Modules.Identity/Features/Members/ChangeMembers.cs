using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Features.Members;

/// <summary>A Global admin changes a member's role in the tenant (effective on the member's next request).</summary>
internal sealed record ChangeMemberRoleCommand(Guid TenantId, Guid UserId, string Role, Guid? ResellerOrganisationId) : IRequest;

internal sealed class ChangeMemberRoleValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<ChangeMemberRoleCommand>
{
    public IEnumerable<ValidationFailure> Validate(ChangeMemberRoleCommand request) =>
        InputRules.TenantRole("role", request.Role, request.ResellerOrganisationId, l);
}

internal sealed class ChangeMemberRoleHandler(CallerPermissions permissions, GccSaaSIdentityDbContext db, IStringLocalizer<IdentityResource> l)
    : IRequestHandler<ChangeMemberRoleCommand>
{
    public async Task<Unit> Handle(ChangeMemberRoleCommand request, CancellationToken cancellationToken)
    {
        permissions.RequireInTenant(IdentityPolicies.CanManageUsers, request.TenantId);
        var member = await MemberRules.RequireMemberAsync(db, request.TenantId, request.UserId, l, cancellationToken);
        if (member.Role == GccSaaSRoles.GlobalAdmin && request.Role != GccSaaSRoles.GlobalAdmin)
        {
            await MemberRules.KeepAnotherGlobalAdminAsync(db, request.TenantId, request.UserId, l, cancellationToken);
        }

        member.Role = request.Role;
        member.ResellerOrganisationId = request.ResellerOrganisationId;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// A Global admin removes a member from the tenant; the user's other memberships stay. The user's security stamp is
/// renewed in the same transaction, so the user's open sessions end and sign in again (issue 18).
/// </summary>
internal sealed record RemoveMemberCommand(Guid TenantId, Guid UserId) : IRequest;

internal sealed class RemoveMemberHandler(CallerPermissions permissions, GccSaaSIdentityDbContext db, IStringLocalizer<IdentityResource> l)
    : IRequestHandler<RemoveMemberCommand>
{
    public async Task<Unit> Handle(RemoveMemberCommand request, CancellationToken cancellationToken)
    {
        permissions.RequireInTenant(IdentityPolicies.CanManageUsers, request.TenantId);
        var member = await MemberRules.RequireMemberAsync(db, request.TenantId, request.UserId, l, cancellationToken);
        if (member.Role == GccSaaSRoles.GlobalAdmin)
        {
            await MemberRules.KeepAnotherGlobalAdminAsync(db, request.TenantId, request.UserId, l, cancellationToken);
        }

        db.Memberships.Remove(member);
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == request.UserId, cancellationToken) is { } user)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class MemberRules
{
    public static async Task<Membership> RequireMemberAsync(
        GccSaaSIdentityDbContext db, Guid tenantId, Guid userId, IStringLocalizer<IdentityResource> l, CancellationToken cancellationToken) =>
        await db.Memberships.FirstOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == userId, cancellationToken)
        ?? throw new DomainRuleException(IdentityErrorCodes.MemberNotFound, l["MemberNotFound"], DomainErrorKind.NotFound);

    /// <summary>
    /// A tenant always keeps a Global admin (someone must be able to manage users and keys). The tenant's
    /// Global admin rows are locked first, so two admins demoting each other at once cannot both succeed.
    /// </summary>
    public static async Task KeepAnotherGlobalAdminAsync(
        GccSaaSIdentityDbContext db, Guid tenantId, Guid leavingUserId, IStringLocalizer<IdentityResource> l, CancellationToken cancellationToken)
    {
        var admins = await db.Memberships
            .FromSqlInterpolated($"SELECT * FROM identity.memberships WHERE tenant_id = {tenantId} AND role = {GccSaaSRoles.GlobalAdmin} FOR UPDATE")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (!admins.Any(m => m.UserId != leavingUserId))
        {
            throw new DomainRuleException(IdentityErrorCodes.LastGlobalAdmin, l["LastGlobalAdmin"]);
        }
    }
}
