using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Features.Invitations;

/// <summary>Where an invitation stands, as the accept page tells the visitor.</summary>
internal enum InvitationState
{
    Pending,
    Expired,
    Used,
    Revoked,
}

/// <summary>Finds an invitation by its token (hashed), and consumes it exactly once.</summary>
internal sealed class InvitationLookup(GccSaaSIdentityDbContext db, TimeProvider clock, IStringLocalizer<IdentityResource> l)
{
    public async Task<UserInvitation?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LinkTokens.LooksLikeToken(token))
        {
            return null;
        }

        var hash = LinkTokens.Hash(token);
        // Before its tenant is known: the named path that finds one invitation by its token's hash (ADR 0021).
        return await db.UserInvitations.FromSql($"SELECT * FROM identity.find_invitation({hash})").AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    public InvitationState StateOf(UserInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return invitation switch
        {
            { AcceptedAt: not null } => InvitationState.Used,
            { RevokedAt: not null } => InvitationState.Revoked,
            _ when invitation.ExpiresAt <= clock.GetUtcNow() => InvitationState.Expired,
            _ => InvitationState.Pending,
        };
    }

    /// <summary>The pending invitation the token names, or the refusal that says why not.</summary>
    public async Task<UserInvitation> RequirePendingAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await FindAsync(token, cancellationToken)
            ?? throw new DomainRuleException("invitation_not_found", l["InvitationNotFound"], DomainErrorKind.NotFound);
        return StateOf(invitation) switch
        {
            InvitationState.Pending => invitation,
            InvitationState.Expired => throw new DomainRuleException("invitation_expired", l["InvitationExpired"]),
            InvitationState.Used => throw new DomainRuleException("invitation_used", l["InvitationUsed"]),
            _ => throw new DomainRuleException("invitation_revoked", l["InvitationRevoked"]),
        };
    }

    /// <summary>
    /// Marks the invitation accepted, guarded so that of two racing accepts exactly one wins (single use).
    /// </summary>
    public async Task ConsumeAsync(Guid invitationId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var consumed = await db.UserInvitations
            .Where(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedByUserId, userId), cancellationToken);
        if (consumed == 0)
        {
            throw new DomainRuleException("invitation_used", l["InvitationUsed"]);
        }
    }
}
