using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Portal;

/// <summary>
/// The e-mail an inviter sends themselves: the product drafts it (in the inviter's language) with the
/// link; the inviter edits it, copies it or opens it in their mail program.
/// </summary>
internal sealed record InvitationDraft(string To, string Subject, string Body, string Link, string DoneUrl)
{
    public string MailtoUrl =>
        $"mailto:{Uri.EscapeDataString(To)}?subject={Uri.EscapeDataString(Subject)}&body={Uri.EscapeDataString(Body)}";

    public static InvitationDraft Compose(
        IssuedInvitation invitation, string tenantName, string inviterName, PublicLinks links, string doneUrl, IStringLocalizer<IdentityResource> l)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(l);
        // The configured public address, never the request's Host (ADR 0016).
        var link = links.Absolute(invitation.Path);
        var role = l["Role_" + invitation.Role].Value;
        var subject = l["DraftSubject", tenantName].Value;
        var body = l["DraftBody", inviterName, tenantName, role, link, Display.Time(invitation.ExpiresAt)].Value;
        return new InvitationDraft(invitation.Email, subject, body, link, doneUrl);
    }
}
