using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Notifications.Data;
using GccSaaS.Modules.Notifications.Email;
using GccSaaS.Modules.Notifications.Features.NotificationCentre;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GccSaaS.Modules.Notifications.Integrations;

/// <summary>
/// One email of a notification, for one address. Written to the shell's outbox by
/// <see cref="DeliverUserNotification"/> in the same transaction as the in-app rows, so in-app delivery
/// never waits for SMTP, and each address is retried on its own: a failing address does not resend
/// the mail that already reached another.
/// </summary>
internal sealed record NotificationEmailRequested(Guid TenantId, string To, string Subject, string Body, string? LinkUrl, string? Culture = null) : INotification;

/// <summary>
/// Delivers <see cref="UserNotificationRequested"/> (the one contract modules notify users through):
/// one in-app row per recipient user (<c>RecipientUserId</c>, or every member holding
/// <c>RecipientRole</c> through Identity's <see cref="ListTenantMembersQuery"/>), and, when the sender asked for email
/// and SMTP is configured, one <see cref="NotificationEmailRequested"/> per address (<c>RecipientEmail</c>
/// when given, else the recipients' directory addresses). Rows, emails-to-send and the inbox row commit
/// together, so a redelivered message adds nothing; the emails are dispatched right after commit.
/// </summary>
internal sealed partial class DeliverUserNotification(
    NotificationsDbContext db,
    IServiceProvider services,
    ITenantContextAccessor tenants,
    ModuleCatalog catalog,
    OutboxDispatcher dispatcher,
    IOptionsMonitor<SmtpOptions> smtp,
    TimeProvider clock,
    ILogger<DeliverUserNotification> logger)
    : IdempotentBatchNotificationHandler<UserNotificationRequested, NotificationsDbContext>(db),
      INotificationHandler<UserNotificationRequested>, IBatchNotificationHandler<UserNotificationRequested>
{
    private int _emailsEnqueued;

    /// <summary>Runs the idempotent base, then sends the emails it committed (the outbox retries failures).</summary>
    async Task INotificationHandler<UserNotificationRequested>.Handle(UserNotificationRequested notification, CancellationToken cancellationToken)
    {
        await Handle(notification, cancellationToken);
        await DispatchEmailsAsync(cancellationToken);
    }

    /// <summary>Issue 19: the set-based path (a sweep's notifications), then the emails it committed.</summary>
    async Task IBatchNotificationHandler<UserNotificationRequested>.HandleBatchAsync(
        IReadOnlyList<OutboxBatchItem<UserNotificationRequested>> messages, CancellationToken cancellationToken)
    {
        await HandleBatchAsync(messages, cancellationToken);
        await DispatchEmailsAsync(cancellationToken);
    }

    private async Task DispatchEmailsAsync(CancellationToken cancellationToken)
    {
        if (_emailsEnqueued > 0 && tenants.Current is { } tenant)
        {
            var module = catalog.Modules.Single(m => m.Name == NotificationsModule.Name);
            await dispatcher.DispatchAsync(module, tenant, cancellationToken);
        }
    }

    protected override async Task HandleOnceAsync(UserNotificationRequested notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var rows = await ComposeAsync(notification, MessageContext.CurrentMessageId ?? Guid.NewGuid(), new MemberCache(), cancellationToken);
        Db.Set<Notification>().AddRange(rows);
        if (rows.Count == 0 && _emailsEnqueued == 0)
        {
            LogNobodyReached(logger, notification.Kind);
        }
    }

    /// <summary>
    /// Issue 19: the same rows and emails as <see cref="HandleOnceAsync"/> per message, but the tenant's members are
    /// read once per role for the whole batch, and the in-app rows are written with one
    /// <c>INSERT … SELECT FROM unnest(…)</c> per batch (in the inbox's transaction).
    /// </summary>
    protected override async Task HandleBatchOnceAsync(IReadOnlyList<OutboxBatchItem<UserNotificationRequested>> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var members = new MemberCache();
        var rows = new List<Notification>(messages.Count);
        foreach (var message in messages)
        {
            var emailsBefore = _emailsEnqueued;
            var composed = await ComposeAsync(message.Notification, message.MessageId, members, cancellationToken);
            rows.AddRange(composed);
            if (composed.Count == 0 && _emailsEnqueued == emailsBefore)
            {
                LogNobodyReached(logger, message.Notification.Kind);
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        // Version 7 ids of one millisecond are random among themselves: sorted, they follow the rows' (outbox) order,
        // as the per-message path's ids do across its transactions.
        var ids = rows.Select(_ => Guid.CreateVersion7()).Order().ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Id = ids[i];
        }

        await Db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO notifications.notifications (tenant_id, id, recipient_user_id, kind, subject, body, link_url, translations, created_at, source_message_id)
            SELECT @tenant, r.id, r.recipient, r.kind, r.subject, r.body, r.link, r.translations::jsonb, r.created_at, r.source
              FROM unnest(@ids, @recipients, @kinds, @subjects, @bodies, @links, @translations, @created, @sources)
                   AS r(id, recipient, kind, subject, body, link, translations, created_at, source)
            """,
            [
                new NpgsqlParameter<Guid>("tenant", rows[0].TenantId),
                new NpgsqlParameter<Guid[]>("ids", [.. rows.Select(r => r.Id)]),
                new NpgsqlParameter<Guid[]>("recipients", [.. rows.Select(r => r.RecipientUserId)]),
                new NpgsqlParameter<string[]>("kinds", [.. rows.Select(r => r.Kind)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<string[]>("subjects", [.. rows.Select(r => r.Subject)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter<string[]>("bodies", [.. rows.Select(r => r.Body)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter("links", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => (object?)r.LinkUrl ?? DBNull.Value).ToArray() },
                new NpgsqlParameter("translations", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => (object?)r.Translations ?? DBNull.Value).ToArray() },
                new NpgsqlParameter<DateTimeOffset[]>("created", [.. rows.Select(r => r.CreatedAt)]),
                new NpgsqlParameter<Guid[]>("sources", [.. rows.Select(r => r.SourceMessageId)]),
            ],
            cancellationToken);
    }

    /// <summary>The in-app rows of one message (not yet written) and its emails (enqueued on the context).</summary>
    private async Task<IReadOnlyList<Notification>> ComposeAsync(
        UserNotificationRequested notification, Guid messageId, MemberCache members, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        if (notification.TenantId != tenant.Id)
        {
            // The outbox row's tenant is the truth (it is what row-level security checked); a record that
            // names another tenant is a sender's bug and must not reach anyone.
            LogTenantMismatch(logger, notification.Kind, notification.TenantId, tenant.Id);
            return [];
        }

        var wantsEmail = notification.SendEmail && smtp.CurrentValue.IsConfigured;
        var recipients = await ResolveRecipientsAsync(notification, tenant.Id, wantsEmail && notification.RecipientEmail is null, members, cancellationToken);

        var now = clock.GetUtcNow();
        var translations = NotificationTexts.Serialize(notification.Translations);
        var rows = new List<Notification>(recipients.Count);
        foreach (var recipient in recipients)
        {
            rows.Add(new Notification
            {
                TenantId = tenant.Id,
                Id = Guid.CreateVersion7(), // real time, so rows of one instant keep their creation order
                RecipientUserId = recipient.UserId,
                Kind = Truncate(notification.Kind, NotificationConfiguration.KindLength),
                Subject = Truncate(notification.Subject, NotificationConfiguration.SubjectLength),
                Body = Truncate(notification.Body, NotificationConfiguration.BodyLength),
                LinkUrl = notification.LinkUrl is { Length: <= NotificationConfiguration.LinkLength } link ? link : null,
                Translations = translations,
                CreatedAt = now,
                SourceMessageId = messageId,
            });
        }

        if (wantsEmail)
        {
            IEnumerable<string?> addresses = notification.RecipientEmail is { } explicitAddress
                ? [explicitAddress]
                : recipients.Select(r => r.Email);
            foreach (var address in addresses.OfType<string>().Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                Db.EnqueueNotification(new NotificationEmailRequested(tenant.Id, address, notification.Subject, notification.Body, notification.LinkUrl, notification.Culture), clock);
                _emailsEnqueued++;
            }
        }

        return rows;
    }

    private async Task<IReadOnlyList<Recipient>> ResolveRecipientsAsync(
        UserNotificationRequested notification, Guid tenantId, bool needAddresses, MemberCache members, CancellationToken cancellationToken)
    {
        // Identity answers who the tenant's members are; until it is composed, role fan-out and address
        // look-ups are impossible, and a direct user notification still arrives in-app.
        var directory = services.GetService<IRequestHandler<ListTenantMembersQuery, IReadOnlyList<TenantMemberDto>>>() is null
            ? null
            : services.GetRequiredService<IMediator>();
        var recipients = new Dictionary<Guid, Recipient>();
        if (notification.RecipientUserId is { } userId)
        {
            string? email = null;
            if (needAddresses && directory is not null)
            {
                email = (await members.OfAsync(directory, tenantId, null, cancellationToken)).FirstOrDefault(m => m.UserId == userId)?.Email;
            }

            recipients[userId] = new Recipient(userId, email);
        }

        if (notification.RecipientRole is { Length: > 0 } role)
        {
            if (directory is null)
            {
                LogNoDirectory(logger, notification.Kind, role);
            }
            else
            {
                foreach (var member in await members.OfAsync(directory, tenantId, role, cancellationToken))
                {
                    recipients.TryAdd(member.UserId, new Recipient(member.UserId, member.Email));
                }
            }
        }

        return [.. recipients.Values];
    }

    /// <summary>The tenant's members (all, or of one role), read once per delivery or batch.</summary>
    private sealed class MemberCache
    {
        private readonly Dictionary<string, IReadOnlyList<TenantMemberDto>> _byRole = new(StringComparer.Ordinal);

        public async Task<IReadOnlyList<TenantMemberDto>> OfAsync(IMediator directory, Guid tenantId, string? role, CancellationToken cancellationToken)
        {
            var key = role ?? "";
            if (!_byRole.TryGetValue(key, out var found))
            {
                found = await directory.Send(new ListTenantMembersQuery(tenantId, role), cancellationToken);
                _byRole[key] = found;
            }

            return found;
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private sealed record Recipient(Guid UserId, string? Email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Kind} names tenant {Named} but came from tenant {Actual}'s outbox; dropped")]
    private static partial void LogTenantMismatch(ILogger logger, string kind, Guid named, Guid actual);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Kind} for role {Role}: no tenant directory is registered, so no member receives it")]
    private static partial void LogNoDirectory(ILogger logger, string kind, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind} reached nobody (no recipient user, no member in the role, no email address)")]
    private static partial void LogNobodyReached(ILogger logger, string kind);
}

/// <summary>
/// Sends one notification email. The inbox row commits only after SMTP accepted the mail: a failure
/// rolls it back and leaves the outbox message for a retry after its lease.
/// </summary>
internal sealed partial class SendNotificationEmail(
    NotificationsDbContext db,
    IEmailSender sender,
    IOptionsMonitor<SmtpOptions> smtp,
    PublicLinks links,
    ILogger<SendNotificationEmail> logger)
    : IdempotentNotificationHandler<NotificationEmailRequested, NotificationsDbContext>(db)
{
    protected override async Task HandleOnceAsync(NotificationEmailRequested notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var options = smtp.CurrentValue;
        if (!options.IsConfigured)
        {
            LogNotConfigured(logger, notification.To);
            return;
        }

        var body = notification.Body;
        if (notification.LinkUrl is { Length: > 0 } link)
        {
            // Only under the configured public address (ADR 0016): a link elsewhere is left out, never mailed.
            if (links.TryAbsolute(link, out var absolute) && absolute is not null)
            {
                body += Environment.NewLine + Environment.NewLine + absolute.AbsoluteUri;
            }
            else
            {
                LogForeignLink(logger, notification.To);
            }
        }

        await sender.SendAsync(new EmailMessage(notification.To, notification.Subject, body, notification.Culture), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification email to {To} names a link outside the public address; it is sent without the link")]
    private static partial void LogForeignLink(ILogger logger, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP is no longer configured; the notification email to {To} is not sent")]
    private static partial void LogNotConfigured(ILogger logger, string to);
}
