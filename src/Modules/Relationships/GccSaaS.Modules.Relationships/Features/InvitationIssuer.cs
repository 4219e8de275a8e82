using System.Globalization;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using Microsoft.AspNetCore.DataProtection;

namespace GccSaaS.Modules.Relationships.Features;

/// <summary>
/// An invitation just issued or re-sent. <see cref="Token"/> exists only here, on its way into the link shown
/// once to the sender; the database keeps its hash. Never put this into a command.
/// </summary>
internal sealed record IssuedInvitation(Guid Id, InvitationKind Kind, string TenantIdentifier, string? InvitedEmail, string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// The link carries the tenant, because the invitee is no member yet and the invitation is found only in
    /// its tenant (row-level security). It lives under the reserved <c>/invitations</c> segment, so the
    /// membership gate of <c>/{tenant}/…</c> does not hide it from a signed-in non-member.
    /// </summary>
    public string Path => InvitationLinks.PathFor(Kind, TenantIdentifier, Token);
}

internal static class InvitationLinks
{
    public const string PartnershipSegment = "partnership";
    public const string CustomerSegment = "customer-relationship";

    public static string PathFor(InvitationKind kind, string tenantIdentifier, string token) =>
        $"/invitations/{(kind == InvitationKind.Partnership ? PartnershipSegment : CustomerSegment)}/{tenantIdentifier}/{token}";
}

/// <summary>Issues and re-issues invitations of the current tenant with its invitation policy (R-REL-7).</summary>
internal sealed class InvitationIssuer(RelationshipsDbContext db, ITenantContextAccessor tenants, TimeProvider clock, IDataProtectionProvider protection)
{
    private IDataProtector LinkTokens_ => protection.CreateProtector("GccSaaS.Relationships.StandingLinkToken");

    /// <summary>The token of a standing link, from its encrypted copy; null when the copy cannot be read (key ring changed).</summary>
    public string? Unprotect(string protectedToken)
    {
        try
        {
            return LinkTokens_.Unprotect(protectedToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public async Task<InvitationPolicy> PolicyAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var settings = await db.InvitationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenant.Id, cancellationToken);
        return settings?.ToPolicy() ?? InvitationPolicy.Default;
    }

    /// <summary>
    /// A new invitation; a partnership invitation is announced (<see cref="PartnershipInvitedNotification"/>). A <c>standing</c> link (<c>/v1/customers/relationshiprequests</c>) keeps its token encrypted so
    /// that a later GET can answer the same link again.
    /// </summary>
    public async Task<IssuedInvitation> IssueAsync(
        InvitationKind kind, string? invitedEmail, Guid? resellerOrganisationId, Guid senderId, string senderName, CancellationToken cancellationToken,
        bool standing = false)
    {
        var tenant = tenants.RequireTenant();
        var policy = await PolicyAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var token = LinkTokens.NewToken();
        var invitation = new Invitation
        {
            TenantId = tenant.Id,
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Status = InvitationStatus.Pending,
            TokenHash = LinkTokens.Hash(token),
            InvitedEmail = string.IsNullOrWhiteSpace(invitedEmail) ? null : invitedEmail.Trim(),
            CreatedByUserId = senderId,
            CreatedByName = senderName,
            Culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            CreatedAt = now,
            ExpiresAt = now + policy.Lifetime,
            ResellerOrganisationId = resellerOrganisationId,
            SendCount = 1,
            ProtectedLinkToken = standing ? LinkTokens_.Protect(token) : null,
        };
        db.Invitations.Add(invitation);
        if (kind == InvitationKind.Partnership)
        {
            // R-REL-1: announced with the invitation, in the command's transaction (webhook partnership.invited).
            db.EnqueueNotification(new PartnershipInvitedNotification(tenant.Id, invitation.Id, now, invitation.ExpiresAt), clock);
        }

        return new IssuedInvitation(invitation.Id, kind, tenant.Identifier, invitation.InvitedEmail, token, invitation.ExpiresAt);
    }

    /// <summary>Resend: a new token (the old link is dead from now on), a new expiry, reminders afresh.</summary>
    public async Task<IssuedInvitation?> ReissueAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var policy = await PolicyAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var token = LinkTokens.NewToken();
        var hash = LinkTokens.Hash(token);
        var protectedToken = LinkTokens_.Protect(token);
        var expires = now + policy.Lifetime;
        var updated = await db.Invitations
            .Where(i => i.TenantId == tenant.Id && i.Id == invitationId
                && (i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.Expired))
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.TokenHash, hash)
                    .SetProperty(i => i.ProtectedLinkToken, i => i.ProtectedLinkToken == null ? null : protectedToken) // a standing link stays one
                    .SetProperty(i => i.Status, InvitationStatus.Pending)
                    .SetProperty(i => i.ExpiresAt, expires)
                    .SetProperty(i => i.ExpiredAt, (DateTimeOffset?)null)
                    .SetProperty(i => i.SendCount, i => i.SendCount + 1),
                cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        var row = await db.Invitations.Where(i => i.TenantId == tenant.Id && i.Id == invitationId)
            .Select(i => new { i.Kind, i.InvitedEmail }).SingleAsync(cancellationToken);
        return new IssuedInvitation(invitationId, row.Kind, tenant.Identifier, row.InvitedEmail, token, expires);
    }
}
