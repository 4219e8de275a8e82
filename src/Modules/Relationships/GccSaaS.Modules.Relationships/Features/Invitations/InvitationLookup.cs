using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// Finds an invitation of the current tenant by the token of its link (by hash). The accept pages run in the
/// tenant the link names (see <see cref="IssuedInvitation.Path"/>), so row-level security still applies.
/// </summary>
internal sealed class InvitationLookup(RelationshipsDbContext db, ITenantContextAccessor tenants)
{
    public async Task<Invitation?> FindByTokenAsync(string? token, InvitationKind kind, CancellationToken cancellationToken)
    {
        if (!LinkTokens.LooksLikeToken(token) || tenants.Current is not { } tenant)
        {
            return null;
        }

        var hash = LinkTokens.Hash(token);
        return await db.Invitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TenantId == tenant.Id && i.TokenHash == hash && i.Kind == kind, cancellationToken);
    }
}
