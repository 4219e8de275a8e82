using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Relationships;
using GccSaaS.IntegrationTests.Validation;
using GccSaaS.Modules.Relationships.Jobs;
using GccSaaS.Modules.Validation.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// The demo platform mailing to a real SMTP server on loopback (in-process) with the public address
/// <see cref="PublicBase"/>. Every secret a test sees on the way (a temporary password shown once, the token of an
/// invitation link) is registered in <see cref="Secrets"/>, and no received message may ever contain one.
/// </summary>
/// <remarks>Re-implements <see cref="IAsyncLifetime"/> so that disposing also stops the SMTP server.</remarks>
public sealed class MailFlowFixture() : SeededPlatformFixture(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero)), IAsyncLifetime
{
    public const string PublicBase = "https://portal.gccsaas.test/";
    public const string Contoso = "contoso-distribution";
    public const string SalesAgent = "sales.agent@contoso.demo";
    public const string GlobalAdmin = "global.admin@contoso.demo";
    public const string ReviewersMailbox = "reviewers@gccsaas.test";

    public LoopbackSmtpServer Smtp { get; } = new();

    public ConcurrentBag<string> Secrets { get; } = [];

    protected override IReadOnlyDictionary<string, string?> HostSettings =>
        new Dictionary<string, string?>(Smtp.Settings(from: "GccSaaS <portal@gccsaas.test>"))
        {
            ["Portal:PublicBaseUrl"] = PublicBase,
            [ValidationSlaReminders.ReviewersEmailKey] = ReviewersMailbox,
        };

    /// <summary>Remembers a secret the test saw; a real one, not a fragment that could match by chance.</summary>
    public void Saw(string secret)
    {
        Assert.True(secret.Length >= 12, $"'{secret}' is too short to be a secret worth scanning for.");
        Secrets.Add(secret);
    }

    /// <summary>No message received so far carries a registered secret, in its wire form or decoded.</summary>
    public void NoSecretWasMailed()
    {
        foreach (var mail in Smtp.Received)
        {
            foreach (var secret in Secrets)
            {
                Assert.False(mail.Raw.Contains(secret, StringComparison.Ordinal), $"The mail '{mail.Subject}' to {string.Join(", ", mail.Recipients)} carries a secret on the wire.");
                Assert.False(mail.Decoded.Contains(secret, StringComparison.Ordinal), $"The mail '{mail.Subject}' to {string.Join(", ", mail.Recipients)} carries a secret.");
            }
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MailFlowCollection : ICollectionFixture<MailFlowFixture>
{
    public const string Name = "Notification mail (seeded demo platform, public address, SMTP on loopback)";
}

/// <summary>
/// The product's real mail flows end to end — invitation reminders and expiry (the Relationships sweeps, sent as
/// their job sends them), validation information requests and decisions (the review desk), validation SLA reminders
/// (Validation's sweep), partnership removal —
/// each received by a real SMTP server: recipient, subject, language (text and Content-Language) and the link,
/// absolute under Portal:PublicBaseUrl. And no mail ever carries a temporary password or an invitation token.
/// </summary>
[Collection(MailFlowCollection.Name)]
public sealed class NotificationMailFlowTests(MailFlowFixture fixture)
{
    private const string Contoso = MailFlowFixture.Contoso;
    private const string PublicBase = MailFlowFixture.PublicBase;

    [Fact]
    public async Task The_first_demo_seed_welcomes_the_demo_tenants_global_admin_by_mail()
    {
        var welcome = await MailAsync(m => m.Subject == "Welcome to Contoso Distribution on GccSaaS", "the demo welcome");

        AssertMail(welcome, MailFlowFixture.GlobalAdmin, "en", $"{PublicBase}{Contoso}/");
        Assert.Contains("invitation reminders", welcome.Body, StringComparison.Ordinal);
        fixture.NoSecretWasMailed();
    }

    [Fact]
    public async Task Invitation_reminders_and_expiry_reach_the_sender_in_the_language_they_invited_in_with_a_link_to_the_invitation()
    {
        var contoso = await fixture.TenantAsync(Contoso);
        var german = PartnershipJourneys.NewEmail();
        var english = PartnershipJourneys.NewEmail();
        await InviteAsync("de", german);
        await InviteAsync("en", english);
        var germanId = await InvitationIdAsync(contoso, german);
        var englishId = await InvitationIdAsync(contoso, english);

        // 7 days before expiry (30 days of life, reminders 7 and 1 days before).
        fixture.Clock.Advance(TimeSpan.FromDays(23) + TimeSpan.FromMinutes(1));
        await SweepAsync(contoso, new SendInvitationReminders());
        var reminderDe = await MailAsync(m => m.Subject == $"Ihre Einladung an {german} läuft in 7 Tag(en) ab", "the German 7-day reminder");
        var reminderEn = await MailAsync(m => m.Subject == $"Your invitation to {english} expires in 7 day(s)", "the English 7-day reminder");

        // 1 day before, then expiry.
        fixture.Clock.Advance(TimeSpan.FromDays(6));
        await SweepAsync(contoso, new SendInvitationReminders());
        await MailAsync(m => m.Subject == $"Ihre Einladung an {german} läuft in 1 Tag(en) ab", "the German 1-day reminder");
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync(contoso, new ExpireDueInvitations());
        var expiredDe = await MailAsync(m => m.Subject == $"Ihre Einladung an {german} ist abgelaufen", "the German expiry");
        var expiredEn = await MailAsync(m => m.Subject == $"Your invitation to {english} has expired", "the English expiry");

        foreach (var (mail, language, id) in new[] { (reminderDe, "de", germanId), (expiredDe, "de", germanId), (reminderEn, "en", englishId), (expiredEn, "en", englishId) })
        {
            AssertMail(mail, MailFlowFixture.SalesAgent, language, $"{PublicBase}{Contoso}/invitations#{id}");
        }

        Assert.Contains("wurde noch nicht angenommen", reminderDe.Body, StringComparison.Ordinal);
        Assert.Contains("has not been accepted yet", reminderEn.Body, StringComparison.Ordinal);
        Assert.Single(fixture.Smtp.Received, m => m.Subject == reminderDe.Subject); // one reminder per point
        fixture.NoSecretWasMailed();
    }

    [Fact]
    public async Task Validation_information_requests_and_decisions_reach_the_submitter_in_their_language_and_the_customer_contact_in_English()
    {
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        using var german = await SignedInAsync(MailFlowFixture.SalesAgent, "de");
        var legalName = "Stadtwerke Bellevue " + Guid.NewGuid().ToString("N")[..6];
        var contact = $"kontakt-{Guid.NewGuid():N}"[..16] + "@bellevue.example";
        var (caseId, domain) = await SubmitCustomerCaseAsync(german, legalName, contact);
        var link = $"{PublicBase}{Contoso}/validation/{caseId}";

        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(caseId, "StartReview", 0)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(caseId, "RequestInformation", 1, "Bitte senden Sie den Brief des Bezirks.")).Status);
        await DispatchAsync("Validation");
        var asked = await MailAsync(m => m.Subject == $"GCC-Kundenvalidierung von {legalName} ({domain}): Informationen angefordert" && m.Recipients.Contains(MailFlowFixture.SalesAgent), "the German information request");
        var contactAsked = await MailAsync(m => m.Recipients.Contains(contact), "the information request to the customer contact");

        var answered = await german.PostFormAsync($"/{Contoso}/validation/{caseId}", $"/{Contoso}/validation/{caseId}?handler=Answer", Fields(("Answer", "Liegt der E-Mail bei.")));
        Assert.True(answered.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, $"The answer answered {(int)answered.Status}.");
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(caseId, "Approve", 3)).Status);
        await DispatchAsync("Validation");
        var approved = await MailAsync(m => m.Subject == $"GCC-Kundenvalidierung von {legalName} ({domain}): genehmigt" && m.Recipients.Contains(MailFlowFixture.SalesAgent), "the German approval");
        // The provider's Global admins hear of both as well, once each.
        await MailAsync(m => m.Subject == asked.Subject && m.Recipients.Contains(MailFlowFixture.GlobalAdmin), "the information request to the Global admin");
        await MailAsync(m => m.Subject == approved.Subject && m.Recipients.Contains(MailFlowFixture.GlobalAdmin), "the approval to the Global admin");

        // Another case, submitted in English, is denied: the decision speaks English.
        using var english = await SignedInAsync(MailFlowFixture.SalesAgent, "en");
        var englishName = "Bellevue Transit " + Guid.NewGuid().ToString("N")[..6];
        var (englishCaseId, englishDomain) = await SubmitCustomerCaseAsync(english, englishName, contact);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(englishCaseId, "StartReview", 0)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(englishCaseId, "Deny", 1, "Not a government entity.")).Status);
        await DispatchAsync("Validation");
        var denied = await MailAsync(m => m.Subject == $"GCC customer validation of {englishName} ({englishDomain}): denied" && m.Recipients.Contains(MailFlowFixture.SalesAgent), "the English denial");

        AssertMail(asked, MailFlowFixture.SalesAgent, "de", link);
        Assert.Contains("Der Prüfer benötigt weitere Informationen: Bitte senden Sie den Brief des Bezirks.", asked.Body, StringComparison.Ordinal);
        AssertMail(approved, MailFlowFixture.SalesAgent, "de", link);
        Assert.StartsWith($"Genehmigt: {legalName} ist für die Office 365 Government GCC-Familie validiert.", approved.Body, StringComparison.Ordinal);
        AssertMail(denied, MailFlowFixture.SalesAgent, "en", $"{PublicBase}{Contoso}/validation/{englishCaseId}");
        Assert.StartsWith("Denied: Not a government entity. Questions: usgcce@microsoft.com.", denied.Body, StringComparison.Ordinal);

        // The contact has no account: English, the partner named, and no link into a workspace it cannot open.
        Assert.Equal([contact], contactAsked.Recipients);
        Assert.Equal($"Office 365 Government GCC validation of {legalName}: information needed", contactAsked.Subject);
        Assert.Equal("en", contactAsked.Language);
        Assert.Contains("The reviewer needs: Bitte senden Sie den Brief des Bezirks.", contactAsked.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("http", contactAsked.Body, StringComparison.OrdinalIgnoreCase);
        fixture.NoSecretWasMailed();
    }

    [Fact]
    public async Task Validation_decisions_and_information_requests_speak_French_Spanish_and_English_as_each_case_was_submitted()
    {
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        using var french = await SignedInAsync(MailFlowFixture.SalesAgent, "fr");
        using var spanish = await SignedInAsync(MailFlowFixture.SalesAgent, "es");
        using var english = await SignedInAsync(MailFlowFixture.SalesAgent, "en");
        var contact = $"contact-{Guid.NewGuid():N}"[..16] + "@redmond.example";
        var frenchName = "Ville de Redmond " + Guid.NewGuid().ToString("N")[..6];
        var spanishName = "Condado de Redmond " + Guid.NewGuid().ToString("N")[..6];
        var englishName = "Redmond Library " + Guid.NewGuid().ToString("N")[..6];
        var (frenchId, frenchDomain) = await SubmitCustomerCaseAsync(french, frenchName, contact);
        var (spanishId, spanishDomain) = await SubmitCustomerCaseAsync(spanish, spanishName, contact);
        var (englishId, englishDomain) = await SubmitCustomerCaseAsync(english, englishName, contact);

        foreach (var id in new[] { frenchId, spanishId, englishId })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "StartReview", 0)).Status);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(frenchId, "Approve", 1)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(spanishId, "Deny", 1, "No es una entidad gubernamental.")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(englishId, "RequestInformation", 1, "Please send the county's letter.")).Status);
        await DispatchAsync("Validation");
        var englishAsked = await MailAsync(m => m.Subject == $"GCC customer validation of {englishName} ({englishDomain}): information requested" && m.Recipients.Contains(MailFlowFixture.SalesAgent), "the English information request");
        var answered = await english.PostFormAsync($"/{Contoso}/validation/{englishId}", $"/{Contoso}/validation/{englishId}?handler=Answer", Fields(("Answer", "Attached.")));
        Assert.True(answered.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, $"The answer answered {(int)answered.Status}.");
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(englishId, "Approve", 3)).Status);
        await DispatchAsync("Validation");

        var frenchApproved = await MailAsync(m => m.Subject == $"Validation GCC du client {frenchName} ({frenchDomain}) : approuvée" && m.Recipients.Contains(MailFlowFixture.SalesAgent), "the French approval");
        var spanishDenied = await MailAsync(m => m.Subject == $"Validación GCC del cliente {spanishName} ({spanishDomain}): denegada" && m.Recipients.Contains(MailFlowFixture.SalesAgent), "the Spanish denial");
        var englishApproved = await MailAsync(m => m.Subject == $"GCC customer validation of {englishName} ({englishDomain}): approved" && m.Recipients.Contains(MailFlowFixture.SalesAgent), "the English approval");
        AssertMail(frenchApproved, MailFlowFixture.SalesAgent, "fr", $"{PublicBase}{Contoso}/validation/{frenchId}");
        Assert.StartsWith($"Approuvée : {frenchName} est validé pour la famille Office 365 Government GCC.", frenchApproved.Body, StringComparison.Ordinal);
        AssertMail(spanishDenied, MailFlowFixture.SalesAgent, "es", $"{PublicBase}{Contoso}/validation/{spanishId}");
        Assert.StartsWith("Denegada: No es una entidad gubernamental. Preguntas: usgcce@microsoft.com.", spanishDenied.Body, StringComparison.Ordinal);
        AssertMail(englishAsked, MailFlowFixture.SalesAgent, "en", $"{PublicBase}{Contoso}/validation/{englishId}");
        Assert.StartsWith("The reviewer needs more information: Please send the county's letter.", englishAsked.Body, StringComparison.Ordinal);
        AssertMail(englishApproved, MailFlowFixture.SalesAgent, "en", $"{PublicBase}{Contoso}/validation/{englishId}");
        Assert.StartsWith($"Approved: {englishName} is validated for the Office 365 Government GCC family.", englishApproved.Body, StringComparison.Ordinal);
        fixture.NoSecretWasMailed();
    }

    [Fact]
    public async Task R_VAL_3_a_late_case_reminds_the_submitter_in_their_language_and_the_reviewers_mailbox_in_English()
    {
        using var german = await SignedInAsync(MailFlowFixture.SalesAgent, "de");
        using var spanish = await SignedInAsync(MailFlowFixture.SalesAgent, "es");
        using var english = await SignedInAsync(MailFlowFixture.SalesAgent, "en");
        var contact = $"late-{Guid.NewGuid():N}"[..16] + "@kirkland.example";
        var germanName = "Stadt Kirkland " + Guid.NewGuid().ToString("N")[..6];
        var spanishName = "Ciudad de Kirkland " + Guid.NewGuid().ToString("N")[..6];
        var englishName = "Kirkland Transit " + Guid.NewGuid().ToString("N")[..6];
        var (germanId, germanDomain) = await SubmitCustomerCaseAsync(german, germanName, contact);
        var (spanishId, spanishDomain) = await SubmitCustomerCaseAsync(spanish, spanishName, contact);
        var (englishId, englishDomain) = await SubmitCustomerCaseAsync(english, englishName, contact);

        // A week on, past the two US business days, on a business day: the sweep reminds once per late case.
        await PastDueOnABusinessDayAsync();
        var contoso = await fixture.TenantAsync(Contoso);
        await RemindLateCasesAsync(contoso);
        await DispatchAsync("Validation");

        var germanLate = await MailAsync(m => m.Subject == $"GCC-Kundenvalidierung von {germanName} ({germanDomain}): Prüfung überfällig", "the German SLA reminder");
        var spanishLate = await MailAsync(m => m.Subject == $"Validación GCC del cliente {spanishName} ({spanishDomain}): revisión vencida", "the Spanish SLA reminder");
        var englishLate = await MailAsync(m => m.Subject == $"GCC customer validation of {englishName} ({englishDomain}): review overdue", "the English SLA reminder");
        var toReviewers = await MailAsync(m => m.Subject == $"Overdue: GCC customer validation of {germanName} ({germanDomain})", "the reviewers' reminder of the German case");

        AssertMail(germanLate, MailFlowFixture.SalesAgent, "de", $"{PublicBase}{Contoso}/validation/{germanId}");
        Assert.StartsWith($"GCC-Kundenvalidierung von {germanName} ({germanDomain}): Die Prüfung war am ", germanLate.Body, StringComparison.Ordinal);
        Assert.Contains("America/New_York fällig und ist noch nicht abgeschlossen; die Prüfer wurden erinnert. Fragen: usgcce@microsoft.com.", germanLate.Body, StringComparison.Ordinal);
        AssertMail(spanishLate, MailFlowFixture.SalesAgent, "es", $"{PublicBase}{Contoso}/validation/{spanishId}");
        Assert.Contains("se ha avisado a los revisores. Preguntas: usgcce@microsoft.com.", spanishLate.Body, StringComparison.Ordinal);
        AssertMail(englishLate, MailFlowFixture.SalesAgent, "en", $"{PublicBase}{Contoso}/validation/{englishId}");
        Assert.Contains("America/New_York and is not finished yet; the reviewers have been reminded. Questions: usgcce@microsoft.com.", englishLate.Body, StringComparison.Ordinal);
        AssertMail(toReviewers, MailFlowFixture.ReviewersMailbox, "en", $"{PublicBase}platform/review-desk/{germanId}");
        Assert.Contains("Open the case on the review desk.", toReviewers.Body, StringComparison.Ordinal);
        fixture.NoSecretWasMailed();
    }

    [Fact]
    public async Task A_partnership_removal_tells_the_tenants_global_admins_in_the_removers_language_and_mails_nothing_to_the_reseller()
    {
        using var admin = await SignedInAsync(MailFlowFixture.GlobalAdmin, "de");
        var list = await admin.GetAsync($"/{Contoso}/resellers?q=5123400"); // Adatum Reseller's PartnerID
        var partnershipId = Regex.Match(list.Html, "data-partnership-id=\"([0-9a-f-]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.NotEmpty(partnershipId);

        var removed = await admin.PostFormAsync($"/{Contoso}/resellers/{partnershipId}/remove", $"/{Contoso}/resellers/{partnershipId}/remove", Fields(("Attested", "true")));
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        await DispatchAsync("Relationships");
        var mail = await MailAsync(m => m.Subject == "Partnerschaft mit Adatum Reseller entfernt", "the removal notice");

        AssertMail(mail, MailFlowFixture.GlobalAdmin, "de", $"{PublicBase}{Contoso}/resellers");
        Assert.StartsWith("Grace Global hat die Partnerschaft mit Adatum Reseller (PartnerID 5123400) entfernt", mail.Body, StringComparison.Ordinal);
        Assert.Contains("keine Kündigungsmitteilung", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Smtp.Received, m => m.Recipients.Any(r => r.EndsWith("@adatum.demo", StringComparison.OrdinalIgnoreCase))); // R-REL-3: no notice to the reseller
        fixture.NoSecretWasMailed();
    }

    [Fact]
    public async Task No_temporary_password_and_no_invitation_token_is_ever_mailed()
    {
        var contoso = await fixture.TenantAsync(Contoso);

        // A customer's one-time credentials (R-CUS-2).
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        using (var created = await CustomerApi.CreateAsync(api, CustomerApi.Body(CustomerApi.NewDomain("mail"), "City of Mailtown")))
        {
            var json = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
            fixture.Saw(json.GetProperty("userCredentials").GetProperty("password").GetString() ?? string.Empty);
        }

        // The tokens of every kind of invitation link: partnership, customer relationship, a user of the workspace.
        var invitee = PartnershipJourneys.NewEmail();
        fixture.Saw(TokenOf(await InviteAsync("en", invitee)));
        using (var sales = await fixture.SignedInAsync(MailFlowFixture.SalesAgent))
        {
            var page = await sales.PostFormAsync($"/{Contoso}/customers/relationship-request", $"/{Contoso}/customers/relationship-request?handler=Request",
                Fields(("InviteEmail", "it@mailtown.example")));
            fixture.Saw(TokenOf(IdentityJourneys.PathOfLink(page.Html)));
        }

        using (var admin = await fixture.SignedInAsync(MailFlowFixture.GlobalAdmin))
        {
            fixture.Saw(TokenOf(await admin.InviteAsync(Contoso, IdentityJourneys.NewEmail("agent"), "AdminAgent")));
        }

        // Every mail about those invitations goes out: both reminders and the expiry.
        var id = await InvitationIdAsync(contoso, invitee);
        fixture.Clock.Advance(TimeSpan.FromDays(23) + TimeSpan.FromMinutes(1));
        await SweepAsync(contoso, new SendInvitationReminders());
        fixture.Clock.Advance(TimeSpan.FromDays(6));
        await SweepAsync(contoso, new SendInvitationReminders());
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync(contoso, new ExpireDueInvitations());
        var about = await MailsAsync(m => m.Body.Contains($"/invitations#{id}", StringComparison.Ordinal), 3, "both reminders and the expiry of the invitation");

        Assert.All(about, m => Assert.Contains(invitee, m.Subject, StringComparison.Ordinal));
        Assert.True(fixture.Secrets.Count >= 4);
        fixture.NoSecretWasMailed();
    }

    private static void AssertMail(ReceivedMail mail, string recipient, string language, string link)
    {
        Assert.Equal([recipient], mail.Recipients);
        Assert.Equal([recipient], mail.To);
        Assert.Equal("portal@gccsaas.test", mail.From);
        Assert.Equal(language, mail.Language);
        Assert.Equal("utf-8", mail.Charset, ignoreCase: true);
        Assert.Contains(link, mail.Body, StringComparison.Ordinal);
        foreach (Match url in Regex.Matches(mail.Body, """https?://[^\s"'<>]+""", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            Assert.StartsWith(PublicBase, url.Value, StringComparison.Ordinal); // absolute, and only under the public address
        }
    }

    private async Task<PortalClient> SignedInAsync(string email, string language)
    {
        var portal = await fixture.SignedInAsync(email);
        portal.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return portal;
    }

    /// <summary>The sales agent requests a partnership in <paramref name="language"/>; answers the link's path.</summary>
    private async Task<string> InviteAsync(string language, string email)
    {
        using var sales = await SignedInAsync(MailFlowFixture.SalesAgent, language);
        var (path, _) = await sales.RequestAsync(email, Contoso);
        fixture.Saw(TokenOf(path));
        return path;
    }

    private static async Task<(Guid Id, string Domain)> SubmitCustomerCaseAsync(PortalClient submitter, string legalName, string contact)
    {
        var domain = $"v{Guid.NewGuid():N}"[..16] + ".onmicrosoft.com";
        var form = await submitter.GetAsync($"/{Contoso}/validation/customers/new");
        var posted = await submitter.PostWithTokenAsync($"/{Contoso}/validation/customers/new", AntiforgeryToken(form.Html) ?? string.Empty, Fields(
            ("Form.LegalName", legalName), ("Form.Domain", domain), ("Form.Address", "450 110th Ave NE, Bellevue, WA 98004"),
            ("Form.ContactName", "Jordan Lee"), ("Form.ContactEmail", contact), ("Form.ContactPhone", "+1 425 555 0100"),
            ("Form.Category", "UsLocalGovernment")));
        Assert.True(posted.Status == HttpStatusCode.Redirect, $"Submitting answered {(int)posted.Status}: {TextOf(posted.Html, "form-errors")}");
        return (Guid.Parse(posted.Location?[(posted.Location.LastIndexOf('/') + 1)..] ?? string.Empty), domain);
    }

    /// <summary>Moves the clock a week on (past any case's two US business days) and then to a US business day.</summary>
    private async Task PastDueOnABusinessDayAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var calendar = scope.ServiceProvider.GetRequiredService<IBusinessCalendar>();
        var eastern = TimeZoneInfo.FindSystemTimeZoneById(UsBusinessCalendar.EasternTimeZoneId);
        fixture.Clock.Advance(TimeSpan.FromDays(7));
        while (!calendar.IsBusinessDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), eastern).DateTime)))
        {
            fixture.Clock.Advance(TimeSpan.FromDays(1));
        }
    }

    /// <summary>Runs Validation's SLA reminders in the tenant as its sweep job does.</summary>
    private async Task RemindLateCasesAsync(TenantInfo tenant)
    {
        using var tenantScope = fixture.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ValidationSlaReminders>().RemindAsync(tenant, CancellationToken.None);
    }

    private Task<Guid> InvitationIdAsync(TenantInfo tenant, string invitee) =>
        fixture.Database.ScalarAsync<Guid>(tenant.Id, "SELECT id FROM relationships.invitations WHERE invited_email = @e", ("e", invitee));

    /// <summary>Runs a Relationships sweep in the tenant as its job does, then delivers what it wrote to the outbox.</summary>
    private async Task SweepAsync(TenantInfo tenant, MediatR.IRequest<int> sweep)
    {
        await fixture.Factory.SendAsync(tenant, sweep);
        await DispatchAsync("Relationships");
    }

    private async Task DispatchAsync(string module)
    {
        var contoso = await fixture.TenantAsync(Contoso);
        await fixture.Factory.DispatchAsync(contoso, module);
        await fixture.Factory.DispatchAsync(contoso, "Notifications");
    }

    private async Task<ReceivedMail> MailAsync(Func<ReceivedMail, bool> match, string what) => Assert.Single(await MailsAsync(match, 1, what));

    private async Task<IReadOnlyList<ReceivedMail>> MailsAsync(Func<ReceivedMail, bool> match, int count, string what)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = fixture.Smtp.Received.Where(match).ToList();
            if (found.Count >= count || DateTimeOffset.UtcNow > until)
            {
                Assert.True(found.Count == count, $"Expected {count} mail(s): {what}; found {found.Count}. Received: {string.Join(" | ", fixture.Smtp.Received.Select(m => m.Subject))}");
                return found;
            }

            await Task.Delay(100);
        }
    }

    private static string TokenOf(string path) => path[(path.TrimEnd('/').LastIndexOf('/') + 1)..].Split('?', '#')[0];
}
