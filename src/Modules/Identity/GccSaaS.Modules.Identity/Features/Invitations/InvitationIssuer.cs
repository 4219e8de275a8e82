using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Features.Invitations;

/// <summary>
/// An invitation just issued. <see cref="Token"/> exists only here, on its way into the link shown to the
/// inviter once; the database keeps its hash.
/// </summary>
internal sealed record IssuedInvitation(Guid Id, Guid TenantId, string Email, string Role, string Token, DateTimeOffset ExpiresAt)
{
    public string Path => $"/invitations/users/{Token}";
}

/// <summary>
/// Issues invitations to join a tenant: a 256-bit token stored hashed, valid for
/// <see cref="IdentitySettings.InvitationLifetime"/>. Inviting an address again replaces its open invitation.
/// </summary>
internal sealed class InvitationIssuer(
    GccSaaSIdentityDbContext db, DatabaseSession session, ILookupNormalizer normalizer, TimeProvider clock, IOptions<IdentitySettings> settings)
{
    /// <summary>
    /// Issues the invitation in the invited tenant (row-level security, ADR 0021), also when the caller is in none: the
    /// Platform admin creating a tenant with its first Global admin.
    /// </summary>
    public Task<IssuedInvitation> IssueAsync(
        Guid tenantId, string email, string role, Guid? resellerOrganisationId, Guid? invitedBy, CancellationToken cancellationToken) =>
        session.InTenantAsync(tenantId, () => IssueInTenantAsync(tenantId, email, role, resellerOrganisationId, invitedBy, cancellationToken), cancellationToken);

    private async Task<IssuedInvitation> IssueInTenantAsync(
        Guid tenantId, string email, string role, Guid? resellerOrganisationId, Guid? invitedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var address = InputRules.NormalizeEmail(email);
        var normalized = normalizer.NormalizeEmail(address);
        await db.UserInvitations
            .Where(i => i.TenantId == tenantId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), cancellationToken);

        var token = LinkTokens.NewToken();
        var invitation = new UserInvitation
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Email = address,
            NormalizedEmail = normalized,
            Role = role,
            ResellerOrganisationId = resellerOrganisationId,
            TokenHash = LinkTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + settings.Value.InvitationLifetime,
            InvitedByUserId = invitedBy,
        };
        db.UserInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedInvitation(invitation.Id, tenantId, address, role, token, invitation.ExpiresAt);
    }
}
