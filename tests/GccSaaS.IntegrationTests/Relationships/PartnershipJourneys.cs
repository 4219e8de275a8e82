using System.Net;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Partners.Contracts;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>The product's own flows, used to arrange partnership tests: onboard, request, register, accept.</summary>
public static class PartnershipJourneys
{
    public const string Password = "Reseller-Password-2026!";

    /// <summary>Onboards a new organisation in the partner directory through the platform admin's directory page.</summary>
    public static async Task<(Guid Id, string PartnerId)> OnboardAsync(
        this RelationshipsFixture fixture, string region = "US", bool agreementSigned = true, PartnerType type = PartnerType.IndirectReseller)
    {
        var partnerId = Random.Shared.Next(6_000_000, 6_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var platform = await fixture.SignedInAsync("platform.admin@gccsaas.demo");
        var response = await platform.PostFormAsync("/platform/partners", "/platform/partners?handler=Save", Fields(
            ("Form.LegalName", "Reseller " + partnerId), ("Form.PartnerId", partnerId), ("Form.Type", type.ToString()),
            ("Form.CspEnrolled", "true"), ("Form.PartnerAgreementSigned", agreementSigned ? "true" : "false"),
            ("Form.CountryCode", region == "US" ? "US" : "DE"), ("Form.CspRegion", region), ("Form.CommercialTenantId", Guid.NewGuid().ToString())));
        var saved = System.Text.RegularExpressions.Regex.Match(response.Html, "data-saved=\"([0-9a-f-]+)\"");
        Assert.True(saved.Success, $"Onboarding answered {(int)response.Status}: {TextOf(response.Html, "directory-error") ?? response.Html[..Math.Min(500, response.Html.Length)]}");
        return (Guid.Parse(saved.Groups[1].Value), partnerId);
    }

    /// <summary>Requests a partnership through the Indirect resellers page; returns the link's path and the page.</summary>
    public static async Task<(string Path, PortalResponse Page)> RequestAsync(this PortalClient sender, string email, string tenant = RelationshipsFixture.Contoso)
    {
        var page = $"/{tenant}/resellers";
        var response = await sender.PostFormAsync(page, page + "?handler=Request", Fields(("InviteEmail", email)));
        Assert.True(response.Status == HttpStatusCode.OK, $"Requesting answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        return (IdentityJourneys.PathOfLink(response.Html), response);
    }

    /// <summary>The invitation id of the draft a page shows.</summary>
    public static Guid DraftInvitationId(string html) =>
        Guid.Parse(System.Text.RegularExpressions.Regex.Match(html, "name=\"DraftInvitationId\" value=\"([0-9a-f-]+)\"").Groups[1].Value);

    /// <summary>The invitee opens the link, registers an account for the invited address and is signed in.</summary>
    public static async Task<PortalClient> RegisterThroughLinkAsync(this RelationshipsFixture fixture, string path)
    {
        var visitor = new PortalClient(fixture.Factory);
        var response = await visitor.PostFormAsync(path, path + "?handler=Register",
            Fields(("DisplayName", "Pat Reseller"), ("Password", Password), ("ConfirmPassword", Password)));
        Assert.True(response.Status == HttpStatusCode.Redirect, $"Registering answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        return visitor;
    }

    public static Task<PortalResponse> AcceptAsync(this PortalClient invitee, string path, string partnerId, bool authorize = true) =>
        invitee.PostFormAsync(path, path + "?handler=Accept", Fields(("PartnerId", partnerId), ("AuthorizeProvider", authorize ? "true" : "false")));

    public static string NewEmail() => IdentityJourneys.NewEmail("reseller");
}
