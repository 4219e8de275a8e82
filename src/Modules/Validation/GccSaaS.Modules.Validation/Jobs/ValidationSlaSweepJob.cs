using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.Cases;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Jobs;

/// <summary>
/// R-VAL-3 SLA reminders: every <c>Validation:SlaSweepInterval</c> (15 minutes by default), on US business days,
/// each tenant's cases past due are reminded once per case and business day — never twice, even on retries or
/// with several schedulers (see <see cref="ValidationSlaReminders"/>).
/// </summary>
internal sealed class ValidationSlaSweepJob(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger<ValidationSlaSweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    public const string Name = "validation-sla-sweep";

    public const string IntervalKey = "Validation:SlaSweepInterval";

    public static TimeSpan IntervalFrom(IConfiguration configuration) =>
        TimeSpan.TryParse(configuration?[IntervalKey], System.Globalization.CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero
            ? every
            : TimeSpan.FromMinutes(15);

    protected override Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken) =>
        scopedServices.GetRequiredService<ValidationSlaReminders>().RemindAsync(tenant, cancellationToken);
}

/// <summary>
/// One tenant's reminders for one run, set-based: a single statement records (case, US business day) in
/// <c>validation.sla_reminders</c> for every case of the tenant past due that has no row for today yet, and
/// returns only the rows it inserted; the notifications for exactly those cases go to the outbox in the same
/// transaction. A retry, a second run or a second scheduler finds the keys taken and sends nothing.
/// The submitting user is told its case is late (in-app, e-mail when SMTP is configured) in the language the case was
/// submitted in (<see cref="ValidationCase.Culture"/>), as the review desk's messages are; reviewers are platform users:
/// they see the overdue marks and banner of the desk, and when <c>Validation:ReviewersEmail</c> names a mailbox, it
/// receives one e-mail per late case and day (docs/adr/0010) in English, the product's default, since the product does
/// not know that mailbox's language.
/// </summary>
internal sealed class ValidationSlaReminders(
    ValidationDbContext db,
    IBusinessCalendar calendar,
    TimeProvider clock,
    IConfiguration configuration,
    IStringLocalizer<ValidationResource> l)
{
    public const string ReviewersEmailKey = "Validation:ReviewersEmail";

    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById(UsBusinessCalendar.EasternTimeZoneId);

    public async Task<int> RemindAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Eastern).DateTime);
        if (!calendar.IsBusinessDay(day))
        {
            return 0; // "once per business day": reviewers are not chased on weekends and federal holidays
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var late = await db.Database.SqlQuery<LateCase>($"""
            WITH sent AS (
                INSERT INTO validation.sla_reminders (case_id, business_day, sent_at)
                SELECT c.id, {day}, {now}
                  FROM validation.cases c
                 WHERE c.submitted_by_tenant_id = {tenant.Id}
                   AND c.state IN ('Submitted', 'InReview')
                   AND c.due_at < {now}
                ON CONFLICT (case_id, business_day) DO NOTHING
                RETURNING case_id)
            SELECT c.id AS "Id", c.kind AS "Kind", c.partner_name AS "PartnerName", c.customer_legal_name AS "CustomerLegalName",
                   c.customer_domain AS "CustomerDomain", c.submitted_by_user_id AS "SubmittedByUserId", c.due_at AS "DueAt",
                   c.culture AS "Culture"
              FROM validation.cases c JOIN sent ON sent.case_id = c.id
            """).ToListAsync(cancellationToken);

        var support = ValidationSupport.ContactFrom(configuration);
        var reviewers = configuration[ReviewersEmailKey];
        // Issue 16 item 7: each message carries its text in every portal language (the notification centre shows each
        // reader theirs; the mail speaks the one named by Culture). Each distinct text is composed once per language
        // for the run, not once per row.
        var lateTexts = new TextsInEveryLanguage<CaseWords, NotificationTranslation>((words, language) => new(
            language,
            l["Notify_Late_Subject", Subject(words)].Value,
            l["Notify_Late_Body", Subject(words), ValidationText.Due(words.DueAt), support].Value));
        var overdueTexts = new TextsInEveryLanguage<CaseWords, NotificationTranslation>((words, language) => new(
            language,
            l["Notify_Overdue_Subject", Subject(words)].Value,
            l["Notify_Overdue_Body", Subject(words), ValidationText.Due(words.DueAt)].Value));
        foreach (var c in late)
        {
            var words = new CaseWords(c.Kind, c.PartnerName, c.CustomerLegalName, c.CustomerDomain, c.DueAt);
            var submitters = lateTexts.InLanguageOf(words, c.Culture); // the language the case was submitted in
            db.EnqueueNotification(
                new UserNotificationRequested(
                    tenant.Id,
                    "validation.late",
                    submitters.Subject,
                    submitters.Body,
                    RecipientUserId: c.SubmittedByUserId,
                    LinkUrl: $"/{tenant.Identifier}/validation/{c.Id}",
                    SendEmail: true,
                    Culture: submitters.Culture,
                    Translations: lateTexts.InEveryLanguage(words)),
                clock);

            if (!string.IsNullOrWhiteSpace(reviewers))
            {
                var english = overdueTexts.InLanguageOf(words, "en"); // the product does not know the mailbox's language
                db.EnqueueNotification(
                    new UserNotificationRequested(
                        tenant.Id,
                        "validation.overdue.reviewers",
                        english.Subject,
                        english.Body,
                        RecipientEmail: reviewers,
                        LinkUrl: $"/platform/review-desk/{c.Id}",
                        SendEmail: true,
                        Culture: english.Culture,
                        Translations: overdueTexts.InEveryLanguage(words)),
                    clock);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return late.Count;
    }

    /// <summary>What the late case is about, in the current language (the review desk's messages name it the same way).</summary>
    private string Subject(CaseWords c) => ValidationText.CaseSubject(
        l,
        c.Kind == nameof(ValidationCaseKind.Partner) ? ValidationCaseKind.Partner : ValidationCaseKind.Customer,
        c.PartnerName,
        c.CustomerLegalName,
        c.CustomerDomain);

    /// <summary>What a late case's messages are made of: cases alike in these share their texts.</summary>
    private readonly record struct CaseWords(string Kind, string PartnerName, string? CustomerLegalName, string? CustomerDomain, DateTimeOffset DueAt);

    internal sealed class LateCase
    {
        public Guid Id { get; set; }

        public string Kind { get; set; } = "";

        public string PartnerName { get; set; } = "";

        public string? CustomerLegalName { get; set; }

        public string? CustomerDomain { get; set; }

        public string Culture { get; set; } = "en";

        public Guid SubmittedByUserId { get; set; }

        public DateTimeOffset DueAt { get; set; }
    }
}
