using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Relationships;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Jobs;
using GccSaaS.Modules.Validation;
using GccSaaS.Modules.Validation.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// Issue 16 item 7 for the set-based sweeps (issue 19): the invitation expiry and reminder sweeps and the validation SLA
/// sweep write each notification with its text in en, de, fr and es, so a reader of the German portal sees it in German
/// whatever language the sender used; the mail keeps the sender's (or, for the reviewers' mailbox, English).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SweepTranslationsTests(PlatformFixture fixture) : IAsyncLifetime
{
    private const string ReviewersMailbox = "reviewers@gccsaas.example";
    private static readonly string[] FourLanguages = ["de", "en", "es", "fr"];

    // Monday 2026-11-23 10:00 Eastern: a US business day, as the SLA sweep requires.
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
    private GccSaaSFactory? _host;

    private GccSaaSFactory Host => _host ?? throw new InvalidOperationException("not started");

    public Task InitializeAsync()
    {
        _host = ShellTestHarness.StartHost(
            fixture.Database,
            services => services.AddSingleton<TimeProvider>(_clock),
            new Dictionary<string, string?> { [ValidationSlaReminders.ReviewersEmailKey] = ReviewersMailbox });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Issue16_the_invitation_sweeps_store_every_notification_in_all_four_languages_and_the_german_reader_sees_german()
    {
        var tenant = await Host.Services.CreateTenantAsync("invlang");
        var sender = TestUser.Create(GccSaaSRoles.SalesAgent, "Sam");
        var now = _clock.GetUtcNow();
        // Due now: two link-only invitations of a German sender (one text for both) and one addressed, from English;
        // three days from expiry (the 7-day reminder point has come): one German, one English.
        await AddInvitationsAsync(tenant, sender,
            (null, "de", now.AddMinutes(-5)),
            (null, "de", now.AddMinutes(-5)),
            ("ada@example.test", "en", now.AddMinutes(-1)),
            ("bea@example.test", "de", now.AddDays(3)),
            ("cy@example.test", "en", now.AddDays(3)));

        Assert.Equal(3, await Host.SendAsync(tenant, new ExpireDueInvitations()));
        Assert.Equal(2, await Host.SendAsync(tenant, new SendInvitationReminders()));
        await Host.DispatchAsync(tenant, RelationshipsModule.Name); // what the commit's dispatch left, if anything

        var rows = await RowsAsync(tenant, sender.Id);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(FourLanguages, r.Languages));
        // Kind, subject as sent (in the sender's language), subject in German.
        (string, string, string)[] expected =
        [
            ("InvitationExpired", "Ihre Einladung an (nur Link) ist abgelaufen", "Ihre Einladung an (nur Link) ist abgelaufen"),
            ("InvitationExpired", "Ihre Einladung an (nur Link) ist abgelaufen", "Ihre Einladung an (nur Link) ist abgelaufen"),
            ("InvitationExpired", "Your invitation to ada@example.test has expired", "Ihre Einladung an ada@example.test ist abgelaufen"),
            ("InvitationReminder", "Ihre Einladung an bea@example.test läuft in 7 Tag(en) ab", "Ihre Einladung an bea@example.test läuft in 7 Tag(en) ab"),
            ("InvitationReminder", "Your invitation to cy@example.test expires in 7 day(s)", "Ihre Einladung an cy@example.test läuft in 7 Tag(en) ab"),
        ];
        Assert.Equal(expected.Order(), rows.Select(r => (r.Kind, r.Subject, r.German)).Order());
        Assert.All(rows, r => Assert.Equal(r.Subject, r.InLanguage(r.Subject.StartsWith("Your", StringComparison.Ordinal) ? "en" : "de")));

        using var german = Host.ClientFor(tenant, sender);
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var page = WebUtility.HtmlDecode(await german.GetStringAsync($"/{tenant.Identifier}/notifications"));
        Assert.Equal(rows.Select(r => r.German).Order(), Subjects(page).Order());
        Assert.DoesNotContain("Your invitation", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_the_sla_sweep_stores_the_late_notice_in_all_four_languages_and_tells_the_reviewers_mailbox_in_english_with_the_others()
    {
        var tenant = await Host.Services.CreateTenantAsync("slalang");
        var submitter = TestUser.Create(GccSaaSRoles.GlobalAdmin, "Greta");
        var now = _clock.GetUtcNow();
        await AddLateCaseAsync(tenant, submitter, "Fabrikam Cloud Partner", culture: "en", dueAt: now.AddHours(-2));

        Assert.Equal(1, await RemindAsync(tenant));
        await Host.DispatchAsync(tenant, ValidationModule.Name);

        var late = Assert.Single(await RowsAsync(tenant, submitter.Id));
        Assert.Equal("validation.late", late.Kind);
        Assert.Equal(FourLanguages, late.Languages);
        Assert.Equal(late.Subject, late.InLanguage("en")); // the language the case was submitted in
        Assert.Contains("Fabrikam Cloud Partner", late.German, StringComparison.Ordinal);
        Assert.EndsWith(": Prüfung überfällig", late.German, StringComparison.Ordinal);
        Assert.Contains("Fabrikam Cloud Partner", late.InLanguage("fr"), StringComparison.Ordinal);
        Assert.NotEqual(late.InLanguage("fr"), late.InLanguage("en"));

        using var german = Host.ClientFor(tenant, submitter);
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var page = WebUtility.HtmlDecode(await german.GetStringAsync($"/{tenant.Identifier}/notifications"));
        Assert.Equal([late.German], Subjects(page));

        // The reviewers' mailbox has no account: its message is mailed in English, and carries the other languages too.
        using var reviewers = JsonDocument.Parse(Assert.Single(await OutboxPayloadsAsync(tenant, "validation.overdue.reviewers")));
        var message = reviewers.RootElement;
        Assert.Equal(ReviewersMailbox, message.GetProperty("recipientEmail").GetString());
        Assert.Equal("en", message.GetProperty("culture").GetString());
        var translations = message.GetProperty("translations").EnumerateArray().ToDictionary(t => t.GetProperty("culture").GetString() ?? "", t => t.GetProperty("subject").GetString() ?? "");
        Assert.Equal(FourLanguages, translations.Keys.Order());
        Assert.Equal(message.GetProperty("subject").GetString(), translations["en"]);
        Assert.StartsWith("Überfällig: ", translations["de"], StringComparison.Ordinal);
        Assert.Contains("Fabrikam Cloud Partner", translations["de"], StringComparison.Ordinal);
    }

    private async Task AddInvitationsAsync(TenantInfo tenant, TestUser sender, params (string? Email, string Culture, DateTimeOffset ExpiresAt)[] invitations)
    {
        using var tenantScope = Host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationshipsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (email, culture, expiresAt) in invitations)
        {
            db.Invitations.Add(new Invitation
            {
                TenantId = tenant.Id,
                Id = Guid.CreateVersion7(),
                Kind = InvitationKind.CustomerRelationship,
                Status = InvitationStatus.Pending,
                TokenHash = RandomNumberGenerator.GetBytes(32),
                InvitedEmail = email,
                CreatedByUserId = sender.Id,
                CreatedByName = sender.Name,
                Culture = culture,
                CreatedAt = expiresAt.AddDays(-30),
                ExpiresAt = expiresAt,
                SendCount = 1,
            });
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>A partner case of the tenant past its due time, as the submitter's Submitted case would be.</summary>
    private async Task AddLateCaseAsync(TenantInfo tenant, TestUser submitter, string partnerName, string culture, DateTimeOffset dueAt) =>
        Assert.Equal(1, await fixture.Database.ExecuteAsync(tenant.Id, """
            INSERT INTO validation.cases (id, kind, state, submitted_by_tenant_id, partner_organisation_id, partner_name, commercial_tenant_id,
                submitted_by_user_id, submitted_by_name, submitted_at, due_at, updated_at, government_entities_served,
                holds_direct_contracts, holds_indirect_contracts, regulated_data, version, culture)
            VALUES (@id, 'Partner', 'Submitted', @tenant, @organisation, @partner, @commercial,
                @user, @name, @submitted, @due, @submitted, ARRAY['Federal'], true, false, ARRAY[]::text[], 1, @culture)
            """,
            ("id", Guid.NewGuid()),
            ("tenant", tenant.Id),
            ("organisation", Guid.NewGuid()),
            ("partner", partnerName),
            ("commercial", Guid.NewGuid()),
            ("user", submitter.Id),
            ("name", submitter.Name),
            ("submitted", dueAt.AddDays(-3)),
            ("due", dueAt),
            ("culture", culture)));

    private async Task<int> RemindAsync(TenantInfo tenant)
    {
        using var tenantScope = Host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ValidationSlaReminders>().RemindAsync(tenant, CancellationToken.None);
    }

    /// <summary>The user's stored notification rows: kind, subject as sent, and the stored translations.</summary>
    private async Task<List<StoredNotification>> RowsAsync(TenantInfo tenant, Guid recipient)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "SELECT kind, subject, translations::text FROM notifications.notifications WHERE recipient_user_id = @u",
            connection);
        command.Parameters.AddWithValue("u", recipient);
        var rows = new List<StoredNotification>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                Dictionary<string, string[]> translations = reader.IsDBNull(2)
                    ? []
                    : JsonSerializer.Deserialize<Dictionary<string, string[]>>(reader.GetString(2)) ?? [];
                rows.Add(new StoredNotification(reader.GetString(0), reader.GetString(1), translations));
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }

    private async Task<List<string>> OutboxPayloadsAsync(TenantInfo tenant, string kind)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "SELECT payload::text FROM validation.outbox_messages WHERE payload->>'kind' = @kind",
            connection);
        command.Parameters.AddWithValue("kind", kind);
        var payloads = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                payloads.Add(reader.GetString(0));
            }
        }
        while (await reader.NextResultAsync());
        return payloads;
    }

    private static List<string> Subjects(string html) => [.. SubjectCell().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<strong>([^<]*)</strong>")]
    private static partial Regex SubjectCell();

    private sealed record StoredNotification(string Kind, string Subject, Dictionary<string, string[]> Translations)
    {
        public string[] Languages => [.. Translations.Keys.Order(StringComparer.Ordinal)];

        public string German => InLanguage("de");

        public string InLanguage(string culture) => Translations.TryGetValue(culture, out var text) ? text[0] : string.Empty;
    }
}
