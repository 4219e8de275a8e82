using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// R-REL-1, R-REL-4: the e-mail the sender sends themselves, drafted in the sender's language with the
/// personalised link; editable, but the link must stay (<c>invitation_link_missing</c>).
/// </summary>
internal sealed record InvitationDraft(Guid InvitationId, string To, string Subject, string Body, string Link, DateTimeOffset ExpiresAt)
{
    public string MailtoUrl =>
        $"mailto:{Uri.EscapeDataString(To)}?subject={Uri.EscapeDataString(Subject)}&body={Uri.EscapeDataString(Body)}";

    /// <summary>The link under the configured public address, never the request's Host (ADR 0016).</summary>
    public static string AbsoluteLink(PublicLinks links, IssuedInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(invitation);
        return links.Absolute(invitation.Path);
    }

    public static InvitationDraft Compose(
        IssuedInvitation invitation, string? to, string link, string providerName, string senderName, IStringLocalizer<RelationshipsResource> l)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(l);
        var expires = When(invitation.ExpiresAt);
        var (subject, body) = invitation.Kind == InvitationKind.Partnership
            ? (l["Draft_Partnership_Subject", providerName].Value, l["Draft_Partnership_Body", providerName, link, expires, senderName].Value)
            : (l["Draft_Customer_Subject", providerName].Value, l["Draft_Customer_Body", providerName, link, expires, senderName].Value);
        return new InvitationDraft(invitation.Id, to ?? string.Empty, subject, body, link, invitation.ExpiresAt);
    }

    /// <summary>
    /// Times in a draft for someone whose time zone is not known: the portal's one format (<see cref="PortalTime"/>)
    /// in UTC, named.
    /// </summary>
    public static string When(DateTimeOffset? value) => value is { } v ? PortalTime.Format(v, TimeZoneInfo.Utc) : string.Empty;
}
