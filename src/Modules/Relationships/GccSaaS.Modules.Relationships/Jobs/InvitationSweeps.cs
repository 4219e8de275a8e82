using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Jobs;

/// <summary>
/// R-REL-7: expires the tenant's due invitations in one guarded UPDATE and tells each sender (and, for a partnership
/// invitation, announces <see cref="PartnershipInvitationExpiredNotification"/>), in the same transaction as the outbox write (set-based: one INSERT per batch, issue 19). Idempotent: a second run finds nothing Pending and due. Not a "Command":
/// the system's sweep is not an act of a user and is not written to the audit log.
/// </summary>
internal sealed record ExpireDueInvitations : IRequest<int>;

/// <summary>
/// R-REL-7: reminds the sender of each pending invitation at each reminder point (days before expiry) that has
/// come, exactly once: the reminder is recorded under the unique key (invitation, sending, point) in the same
/// transaction as its outbox write, so another host or a retry inserts nothing and sends nothing.
/// </summary>
internal sealed record SendInvitationReminders : IRequest<int>;

internal sealed class ExpireDueInvitationsHandler(
    RelationshipsDbContext db, ITenantContextAccessor tenants, TimeProvider clock, IStringLocalizer<RelationshipsResource> l)
    : IRequestHandler<ExpireDueInvitations, int>
{
    public async Task<int> Handle(ExpireDueInvitations request, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var now = clock.GetUtcNow();
        var expired = await db.Database.SqlQuery<SweptInvitation>($"""
            UPDATE relationships.invitations
               SET status = 'Expired', expired_at = {now}
             WHERE tenant_id = {tenant.Id} AND status = 'Pending' AND expires_at <= {now}
            RETURNING id AS "Id", kind AS "Kind", invited_email AS "InvitedEmail", created_by_user_id AS "CreatedByUserId",
                      culture AS "Culture", expires_at AS "ExpiresAt", 0 AS "DaysBefore"
            """).ToListAsync(cancellationToken);
        // Issue 19: the notifications are composed here and written to the outbox set-based (one INSERT … SELECT per
        // batch in this transaction), not one INSERT per row. Issue 16 item 7: each carries its text in every portal
        // language, so the notification centre shows each reader theirs; the mail speaks the sender's. Each distinct
        // text is composed once per language for the batch, not once per row.
        var texts = new TextsInEveryLanguage<(string? Email, string Kind), NotificationTranslation>((text, language) => new(
            language,
            l["Notify_Expired_Subject", SweptInvitation.To(text.Email, l)].Value,
            l["Notify_Expired_Body", SweptInvitation.To(text.Email, l), SweptInvitation.KindText(text.Kind, l)].Value));
        var notifications = new List<INotification>(expired.Count * 2);
        foreach (var invitation in expired)
        {
            if (invitation.Kind == nameof(InvitationKind.Partnership))
            {
                // From the rows the UPDATE returned (webhook partnership.expired).
                notifications.Add(new PartnershipInvitationExpiredNotification(tenant.Id, invitation.Id, now));
            }

            var words = (invitation.InvitedEmail, invitation.Kind);
            var own = texts.InLanguageOf(words, invitation.Culture); // the sender's language
            notifications.Add(
                new UserNotificationRequested(
                    tenant.Id,
                    "InvitationExpired",
                    own.Subject,
                    own.Body,
                    RecipientUserId: invitation.CreatedByUserId,
                    LinkUrl: $"/{tenant.Identifier}/invitations#{invitation.Id}",
                    SendEmail: true,
                    Culture: own.Culture,
                    Translations: texts.InEveryLanguage(words)));
        }

        await db.EnqueueNotificationsAsync(notifications, clock, cancellationToken);
        return expired.Count;
    }
}

internal sealed class SendInvitationRemindersHandler(
    RelationshipsDbContext db, ITenantContextAccessor tenants, InvitationIssuer issuer, TimeProvider clock, IStringLocalizer<RelationshipsResource> l)
    : IRequestHandler<SendInvitationReminders, int>
{
    public async Task<int> Handle(SendInvitationReminders request, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var policy = await issuer.PolicyAsync(cancellationToken);
        if (policy.ReminderDaysBefore.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var points = policy.ReminderDaysBefore.ToArray();
        // One statement: every (invitation, point) that has come and was never recorded is recorded now; only
        // the rows this statement inserted come back, so only they are sent.
        var due = await db.Database.SqlQuery<SweptInvitation>($"""
            WITH due AS (
                SELECT i.tenant_id, i.id, i.send_count, p.days_before
                  FROM relationships.invitations i
                 CROSS JOIN unnest({points}::integer[]) AS p(days_before)
                 WHERE i.tenant_id = {tenant.Id} AND i.status = 'Pending' AND i.expires_at > {now}
                   AND i.expires_at - make_interval(days => p.days_before) <= {now}
            ), recorded AS (
                INSERT INTO relationships.invitation_reminders (tenant_id, invitation_id, send_number, days_before, sent_at)
                SELECT tenant_id, id, send_count, days_before, {now} FROM due
                ON CONFLICT DO NOTHING
                RETURNING invitation_id, days_before
            )
            SELECT i.id AS "Id", i.kind AS "Kind", i.invited_email AS "InvitedEmail", i.created_by_user_id AS "CreatedByUserId",
                   i.culture AS "Culture", i.expires_at AS "ExpiresAt", r.days_before AS "DaysBefore"
              FROM recorded r
              JOIN relationships.invitations i ON i.tenant_id = {tenant.Id} AND i.id = r.invitation_id
            """).ToListAsync(cancellationToken);
        // Issue 16 item 7: in every portal language, each distinct text composed once per language (as the expiry's).
        var texts = new TextsInEveryLanguage<(string? Email, string Kind, int DaysBefore, DateTimeOffset ExpiresAt), NotificationTranslation>((text, language) => new(
            language,
            l["Notify_Reminder_Subject", SweptInvitation.To(text.Email, l), text.DaysBefore].Value,
            l["Notify_Reminder_Body", SweptInvitation.To(text.Email, l), SweptInvitation.KindText(text.Kind, l), Features.Invitations.InvitationDraft.When(text.ExpiresAt)].Value));
        var notifications = new List<INotification>(due.Count);
        foreach (var reminder in due)
        {
            var words = (reminder.InvitedEmail, reminder.Kind, reminder.DaysBefore, reminder.ExpiresAt);
            var own = texts.InLanguageOf(words, reminder.Culture); // the sender's language
            notifications.Add(
                new UserNotificationRequested(
                    tenant.Id,
                    "InvitationReminder",
                    own.Subject,
                    own.Body,
                    RecipientUserId: reminder.CreatedByUserId,
                    LinkUrl: $"/{tenant.Identifier}/invitations#{reminder.Id}",
                    SendEmail: true,
                    Culture: own.Culture,
                    Translations: texts.InEveryLanguage(words)));
        }

        await db.EnqueueNotificationsAsync(notifications, clock, cancellationToken); // set-based, as the expiry (issue 19)
        return due.Count;
    }
}

/// <summary>A row an invitation sweep touched.</summary>
internal sealed class SweptInvitation
{
    public Guid Id { get; set; }

    public string Kind { get; set; } = "";

    public string? InvitedEmail { get; set; }

    public Guid CreatedByUserId { get; set; }

    public string Culture { get; set; } = "en";

    public DateTimeOffset ExpiresAt { get; set; }

    public int DaysBefore { get; set; }

    /// <summary>Whom the invitation went to, in the current language (a link without an address says so).</summary>
    public static string To(string? invitedEmail, IStringLocalizer<RelationshipsResource> l) => invitedEmail ?? l["Invitations_NoAddress"].Value;

    /// <summary>The kind of invitation, in the current language.</summary>
    public static string KindText(string kind, IStringLocalizer<RelationshipsResource> l) => l["Kind_" + kind].Value;
}

/// <summary>R-REL-7: every <c>Relationships:SweepInterval</c> (default one minute), per tenant: expire due invitations.</summary>
internal sealed class InvitationExpirySweepJob(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger<InvitationExpirySweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    public const string Name = "invitation-expiry-sweep";

    protected override Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken) =>
        scopedServices.GetRequiredService<IMediator>().Send(new ExpireDueInvitations(), cancellationToken);
}

/// <summary>R-REL-7: every <c>Relationships:SweepInterval</c>, per tenant: remind senders at the reminder points.</summary>
internal sealed class InvitationReminderSweepJob(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger<InvitationReminderSweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    public const string Name = "invitation-reminder-sweep";

    protected override Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken) =>
        scopedServices.GetRequiredService<IMediator>().Send(new SendInvitationReminders(), cancellationToken);
}
