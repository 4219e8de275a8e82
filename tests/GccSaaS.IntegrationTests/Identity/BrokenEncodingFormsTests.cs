using System.Text;
using GccSaaS.IntegrationTests.Security;
using Xunit.Abstractions;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// Issue 18, the soak's one hostile-input 500: <c>/invitations/users/{token}</c> Accept with a random invalid UTF-8
/// password (HostilePortalFormsTests, soak round 8). Here every password and token form (the invitation's Accept and
/// Register, sign-in, the reset request and the reset) gets broken encodings in each field, deterministically: raw
/// invalid UTF-8 at the start, inside and at the end, a truncated sequence, an overlong one, a UTF-8-encoded lone
/// surrogate (percent escapes of such bytes are kept as the literal text "%ED%A0%80" by the form reader, valid
/// input, so they are not among them), and the soak's own seeded values of rounds 2–30. Each must be
/// refused with a 4xx page, never a 500, anonymous and signed in.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class BrokenEncodingFormsTests(IdentityFixture fixture, ITestOutputHelper output)
{
    /// <summary>Values as they go on the wire: Latin-1 characters stand for the raw bytes FF, C3, …; % escapes as written.</summary>
    private static IEnumerable<(string What, string Wire)> Hostile(string field)
    {
        yield return ("raw FF FE inside", "Secret\u00FF\u00FEWord-2026");
        yield return ("raw FF FE alone", "\u00FF\u00FE");
        yield return ("raw FF first", "\u00FFSecret-2026!");
        yield return ("truncated sequence at the end (C3)", "Secret-2026!\u00C3");
        yield return ("truncated three-byte sequence (E2 82)", "Sec\u00E2\u0082ret-2026!");
        yield return ("overlong slash (C0 AF)", "Sec\u00C0\u00AFret-2026!");
        yield return ("UTF-8 of a lone surrogate (ED A0 80)", "Sec\u00ED\u00A0\u0080ret-2026!");
        for (var round = 2; round <= 30; round++)
        {
            // Exactly what HostilePortalFormsTests sends in that soak round for a field of this name.
            var random = SoakSize.RandomFor(field, round);
            var text = SoakSize.Text(random, 60);
            _ = SoakSize.ControlCharacter(random);
            _ = SoakSize.Insert(random, text, "x"); // the control-character case draws its position first
            var ascii = new string([.. text.Where(char.IsAsciiLetterOrDigit)]);
            yield return ($"soak round {round}", Escape(SoakSize.Insert(random, ascii, "\u00FF\u00FE")));
        }
    }

    [Fact]
    public async Task Broken_UTF_8_in_every_password_and_token_form_is_refused_with_a_4xx_never_a_500()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var pending = await admin.InviteAsync(IdentityFixture.Contoso, IdentityJourneys.NewEmail("enc"), "SalesAgent");
        var stranger = IdentityJourneys.NewEmail("stranger");
        var forms = new (string Page, string Post, (string Name, string Value)[] Fields)[]
        {
            (pending, pending + "?handler=Accept", [("DisplayName", "Pat"), ("Password", IdentityJourneys.NewUserPassword), ("ConfirmPassword", IdentityJourneys.NewUserPassword)]),
            (pending, pending + "?handler=Register", [("DisplayName", "Pat"), ("Password", IdentityJourneys.NewUserPassword), ("ConfirmPassword", IdentityJourneys.NewUserPassword)]),
            // An address of no account: a guess that got through would count against it only, never lock a shared demo user.
            ("/account/sign-in", "/account/sign-in", [("Email", stranger), ("Password", "wrong-Password-1"), ("ReturnUrl", string.Empty)]),
            ("/account/forgot-password", "/account/forgot-password", [("Email", stranger)]),
            ("/account/reset-password", "/account/reset-password", [("NewPassword", IdentityJourneys.NewUserPassword), ("ConfirmPassword", IdentityJourneys.NewUserPassword)]),
        };
        var failures = new List<string>();
        var sent = 0;
        using var anonymous = fixture.Portal();
        foreach (var (signedIn, visitor) in new[] { (false, anonymous), (true, admin) })
        {
            foreach (var (page, post, fields) in forms)
            {
                var shown = await visitor.GetAsync(page);
                var token = AntiforgeryToken(shown.Html) ?? AntiforgeryToken((await visitor.GetAsync("/account/sign-in")).Html)
                    ?? throw new InvalidOperationException($"{page} shows no antiforgery token.");
                foreach (var (field, _) in fields)
                {
                    foreach (var (what, wire) in Hostile(field))
                    {
                        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + (f.Name == field ? wire : Uri.EscapeDataString(f.Value))))
                            + "&__RequestVerificationToken=" + Uri.EscapeDataString(token);
                        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
                        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
                        using var response = await visitor.Http.PostAsync(new Uri(post, UriKind.Relative), content);
                        sent++;
                        var status = (int)response.StatusCode;
                        if (status is < 400 or >= 500)
                        {
                            failures.Add($"{(signedIn ? "signed in" : "anonymous")} {post} {field}: {what} → {status} {response.Headers.Location}");
                        }
                    }
                }
            }
        }

        output.WriteLine($"{sent} posts, {failures.Count} not refused with a 4xx");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>As a form encoder writes text, but the Latin-1 stand-ins for raw bytes stay raw.</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(c is '\u00FF' or '\u00FE' ? c.ToString() : Uri.EscapeDataString(c.ToString()));
        }

        return text.ToString();
    }
}
