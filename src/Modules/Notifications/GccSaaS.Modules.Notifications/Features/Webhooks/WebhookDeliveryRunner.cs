using System.Collections.Concurrent;
using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Notifications.Data;
using GccSaaS.Modules.Notifications.Resources;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>
/// Delivers a tenant's due webhooks (issue 17). One statement claims them (<c>FOR UPDATE SKIP LOCKED</c>, so sweeps on
/// several hosts never take the same row; the claim moves <c>next_attempt_at</c> past the attempt as a lease), at most
/// <see cref="WebhookOptions.MaxPerEndpoint"/> per endpoint, taken round-robin across endpoints, so one slow or failing
/// endpoint cannot hold up the others; the attempts run concurrently (<see cref="WebhookOptions.Parallelism"/>), each
/// bounded by the timeout; then one transaction records every attempt, moves each delivery on (succeeded, retried after
/// the back-off of <see cref="RetrySchedule"/>, or failed), and disables an endpoint that has failed for a day, telling
/// the tenant's Global admins.
/// </summary>
internal sealed partial class WebhookDeliveryRunner(
    NotificationsDbContext db,
    ITenantContextAccessor tenants,
    WebhookSender sender,
    WebhookSigning signing,
    ModuleCatalog catalog,
    OutboxDispatcher dispatcher,
    IOptionsMonitor<WebhookOptions> options,
    IStringLocalizer<NotificationsResource> l,
    TimeProvider clock,
    ILogger<WebhookDeliveryRunner> logger)
{
    /// <summary>
    /// The waits after the 1st, 2nd… failed attempt: 11 attempts over about 2.9 days; after the last, the delivery is Failed.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> RetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(14), TimeSpan.FromHours(14),
    ];

    /// <summary>The <c>webhook-id</c> of a delivery: stable across retries and replays, so receivers deduplicate by it.</summary>
    public static string MessageId(Guid deliveryId) => "msg_" + deliveryId.ToString("N");

    /// <summary>Claims, sends and records one batch of the current tenant's due deliveries; answers how many it claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var lease = now + settings.Timeout + TimeSpan.FromMinutes(1);
        var claimed = await db.Database.SqlQuery<Guid>($"""
            WITH ranked AS MATERIALIZED (
                SELECT d.id, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) AS rn, d.next_attempt_at
                  FROM notifications.webhook_deliveries d
                  JOIN notifications.webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
                 WHERE d.tenant_id = {tenant.Id} AND d.status = {WebhookDeliveryStatuses.Pending} AND d.next_attempt_at <= {now}
                   AND e.status = {WebhookEndpointStatuses.Active}),
            picked AS MATERIALIZED (
                SELECT d.id
                  FROM notifications.webhook_deliveries d
                  JOIN ranked r ON r.id = d.id
                 WHERE d.tenant_id = {tenant.Id} AND r.rn <= {settings.MaxPerEndpoint}
                   AND d.status = {WebhookDeliveryStatuses.Pending} AND d.next_attempt_at <= {now}
                 ORDER BY r.rn, r.next_attempt_at, d.id
                 LIMIT {settings.MaxPerSweep}
                   FOR UPDATE OF d SKIP LOCKED)
            UPDATE notifications.webhook_deliveries d
               SET next_attempt_at = {lease}
              FROM picked
             WHERE d.tenant_id = {tenant.Id} AND d.id = picked.id
            RETURNING d.id AS "Value"
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var work = await (
            from d in db.Set<WebhookDelivery>().AsNoTracking()
            join e in db.Set<WebhookEndpoint>().AsNoTracking() on new { d.TenantId, Id = d.EndpointId } equals new { e.TenantId, e.Id }
            where d.TenantId == tenant.Id && claimed.Contains(d.Id)
            select new { d.Id, d.Payload, e.Url, e.ProtectedSecret, e.ProtectedPreviousSecret, e.PreviousSecretExpiresAt })
            .ToListAsync(cancellationToken);

        var results = new ConcurrentDictionary<Guid, (DateTimeOffset At, WebhookAttemptResult Result)>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = cancellationToken }, async (item, token) =>
        {
            var at = clock.GetUtcNow();
            var secrets = new List<string> { signing.Unprotect(item.ProtectedSecret) };
            if (item.ProtectedPreviousSecret is { } previous && item.PreviousSecretExpiresAt > at)
            {
                secrets.Add(signing.Unprotect(previous));
            }

            var id = MessageId(item.Id);
            var timestamp = at.ToUnixTimeSeconds();
            var result = await sender.SendAsync(new Uri(item.Url), id, timestamp, WebhookSigning.Header(secrets, id, timestamp, item.Payload), item.Payload, token);
            results[item.Id] = (at, result);
        });

        await RecordAsync(tenant, results, cancellationToken);
        return claimed.Count;
    }

    private async Task RecordAsync(TenantInfo tenant, IReadOnlyDictionary<Guid, (DateTimeOffset At, WebhookAttemptResult Result)> results, CancellationToken cancellationToken)
    {
        var ids = results.Keys.ToList();
        var deliveries = await db.Set<WebhookDelivery>().Where(d => d.TenantId == tenant.Id && ids.Contains(d.Id)).ToListAsync(cancellationToken);
        var endpointIds = deliveries.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.Set<WebhookEndpoint>().Where(e => e.TenantId == tenant.Id && endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var disabled = new List<WebhookEndpoint>();
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();

        foreach (var delivery in deliveries.OrderBy(d => results[d.Id].At))
        {
            var (at, result) = results[delivery.Id];
            db.Set<WebhookAttempt>().Add(new WebhookAttempt
            {
                TenantId = tenant.Id,
                Id = Guid.CreateVersion7(),
                DeliveryId = delivery.Id,
                EndpointId = delivery.EndpointId,
                EventType = delivery.EventType,
                AttemptedAt = at,
                StatusCode = result.StatusCode,
                Succeeded = result.Succeeded,
                DurationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds),
                Response = result.Response is { Length: > WebhookAttemptConfiguration.ResponseLength } long_ ? long_[..WebhookAttemptConfiguration.ResponseLength] : result.Response,
            });
            delivery.AttemptCount++;
            delivery.LastAttemptAt = at;
            delivery.LastStatusCode = result.StatusCode;
            var endpoint = endpoints.GetValueOrDefault(delivery.EndpointId);
            if (result.Succeeded)
            {
                delivery.Status = WebhookDeliveryStatuses.Succeeded;
                if (endpoint is not null)
                {
                    endpoint.FailingSince = null;
                }

                continue;
            }

            if (delivery.AttemptCount > RetrySchedule.Count)
            {
                delivery.Status = WebhookDeliveryStatuses.Failed;
            }
            else
            {
                delivery.NextAttemptAt = now + RetrySchedule[delivery.AttemptCount - 1];
            }

            if (endpoint is not null)
            {
                endpoint.FailingSince ??= at;
                if (endpoint.Status == WebhookEndpointStatuses.Active && at - endpoint.FailingSince >= settings.DisableAfter)
                {
                    endpoint.Status = WebhookEndpointStatuses.Disabled;
                    endpoint.DisabledAt = at;
                    disabled.Add(endpoint);
                }
            }
        }

        foreach (var endpoint in disabled)
        {
            LogDisabled(logger, endpoint.Id, tenant.Identifier);
            NotificationTranslation Disabled(string culture) => new(
                culture, l["Webhook_Disabled_Subject"].Value, string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Webhook_Disabled_Body"].Value, endpoint.Url));
            var text = Disabled(CultureScope.CurrentLanguage);
            db.EnqueueNotification(new UserNotificationRequested(
                tenant.Id,
                "webhook.disabled",
                text.Subject,
                text.Body,
                RecipientRole: GccSaaSRoles.GlobalAdmin,
                LinkUrl: $"/{tenant.Identifier}/webhooks/{endpoint.Id}",
                SendEmail: true,
                Culture: text.Culture,
                Translations: CultureScope.InEveryLanguage(Disabled)), clock); // each admin reads it in their language (issue 16 item 7)
        }

        await db.SaveChangesAsync(cancellationToken);
        if (disabled.Count > 0)
        {
            await dispatcher.DispatchAsync(catalog.Modules.Single(m => m.Name == NotificationsModule.Name), tenant, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} of tenant {Tenant} failed for a day and is disabled")]
    private static partial void LogDisabled(ILogger logger, Guid endpointId, string tenant);
}

/// <summary>
/// Every <c>Webhooks:SweepInterval</c> (a minute), per tenant under row-level security: deliver the due webhooks, a
/// few batches at most, so one tenant's backlog does not hold up the walk over the others; up to
/// <see cref="WebhookOptions.TenantParallelism"/> tenants at once, so one tenant's slow endpoint (an attempt may take
/// the whole timeout) does not delay another tenant's deliveries.
/// </summary>
internal sealed class WebhookDeliverySweepJob(
    IServiceScopeFactory scopes, ITenantContextAccessor tenants, IOptionsMonitor<WebhookOptions> options, ILogger<WebhookDeliverySweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    public const string JobName = "webhook-delivery-sweep";

    private const int MaxBatchesPerTenant = 5;

    protected override int MaxConcurrentTenants => options.CurrentValue.TenantParallelism;

    protected override async Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var max = scopedServices.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.MaxPerSweep;
        for (var batch = 0; batch < MaxBatchesPerTenant; batch++)
        {
            // A fresh scope per batch: each batch's change tracker starts empty.
            await using var scope = scopedServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<WebhookDeliveryRunner>().DeliverDueAsync(cancellationToken) < max)
            {
                break;
            }
        }
    }
}
