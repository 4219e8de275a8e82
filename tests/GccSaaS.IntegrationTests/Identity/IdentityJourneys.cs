using System.Net;
using System.Security.Cryptography;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// The product's own flows, used to arrange test data: invite through the users page, register through
/// the invitation link, create API keys through the API keys page.
/// </summary>
public static class IdentityJourneys
{
    public const string NewUserPassword = "Test-Password-2026!";

    /// <summary>The Global admin the demo seed gives each demo tenant.</summary>
    public static string GlobalAdminOf(string tenant) =>
        tenant == IdentityFixture.Fabrikam ? "multi@gccsaas.demo" : "global.admin@contoso.demo";

    public static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)] + "@test.example";

    /// <summary>Invites through the users page; returns the invitation's path (from the link in the draft).</summary>
    public static async Task<string> InviteAsync(this PortalClient admin, string tenant, string email, string role, Guid? resellerOrganisationId = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var response = await admin.PostFormAsync($"/{tenant}/users", $"/{tenant}/users?handler=Invite", Fields(
            ("InviteEmail", email), ("InviteRole", role), ("InviteResellerOrganisationId", resellerOrganisationId?.ToString() ?? string.Empty)));
        Assert.True(response.Status == HttpStatusCode.OK, $"Inviting {email} answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        return PathOfLink(response.Html);
    }

    /// <summary>The invitation link in a page that shows a draft, as a path.</summary>
    public static string PathOfLink(string html)
    {
        var link = TextOf(html, "invitation-link") ?? throw new InvalidOperationException("The page shows no invitation link.");
        return new Uri(link).PathAndQuery;
    }

    /// <summary>A new person registers through the invitation link; returns their client, signed in.</summary>
    public static async Task<PortalClient> RegisterAsync(this IdentityFixture fixture, string invitationPath, string name = "Test Person", string password = NewUserPassword)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var portal = fixture.Portal();
        var response = await portal.PostFormAsync(invitationPath, invitationPath + "?handler=Register", Fields(
            ("DisplayName", name), ("Password", password), ("ConfirmPassword", password)));
        Assert.True(response.Status == HttpStatusCode.Redirect, $"Registering answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        return portal;
    }

    /// <summary>A new member of a demo tenant with the role, invited by its Global admin; signed in.</summary>
    public static async Task<(string Email, Guid UserId, PortalClient Portal)> CreateMemberAsync(
        this IdentityFixture fixture, string tenant, string role, Guid? resellerOrganisationId = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var email = NewEmail(role.ToLowerInvariant());
        using var admin = await fixture.SignedInAsync(GlobalAdminOf(tenant));
        var path = await admin.InviteAsync(tenant, email, role, resellerOrganisationId);
        var portal = await fixture.RegisterAsync(path);
        return (email, await fixture.UserIdAsync(email), portal);
    }

    /// <summary>Creates an API key through the API keys page; returns its id and the secret shown once.</summary>
    public static async Task<(Guid Id, string Key)> CreateApiKeyAsync(this PortalClient admin, string tenant, string role, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var page = $"/{tenant}/settings/api-keys";
        var response = await admin.PostFormAsync(page, page + "?handler=Create", Fields(("Name", name ?? "key-" + Guid.NewGuid().ToString("N")[..6]), ("Role", role)));
        Assert.True(response.Status == HttpStatusCode.OK, $"Creating a key answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        var key = TextOf(response.Html, "api-key-secret") ?? throw new InvalidOperationException("No key shown.");
        var prefix = key.Split('_')[1];
        var id = System.Text.RegularExpressions.Regex.Match(
            response.Html, $"""data-api-key-id="([0-9a-f-]+)"(?:(?!</tr>).)*gcc_{prefix}""", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        return (Guid.Parse(id), key);
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as authenticator apps compute it from the shared key.</summary>
    public static string TotpCode(string base32Key, DateTimeOffset at)
    {
        var key = FromBase32(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1 by definition.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in input.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
