using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Features.Invitations;

/// <summary>A Global admin withdraws an open invitation: its link stops working at once.</summary>
internal sealed record RevokeInvitationCommand(Guid TenantId, Guid InvitationId) : IRequest;

internal sealed class RevokeInvitationHandler(
    CallerPermissions permissions,
    GccSaaSIdentityDbContext db,
    TimeProvider clock,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<RevokeInvitationCommand>
{
    public async Task<Unit> Handle(RevokeInvitationCommand request, CancellationToken cancellationToken)
    {
        permissions.RequireInTenant(IdentityPolicies.CanManageUsers, request.TenantId);
        var now = clock.GetUtcNow();
        var revoked = await db.UserInvitations
            .Where(i => i.TenantId == request.TenantId && i.Id == request.InvitationId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken);
        return revoked == 1
            ? Unit.Value
            : throw new DomainRuleException("invitation_not_found", l["InvitationNotFound"], DomainErrorKind.NotFound);
    }
}
