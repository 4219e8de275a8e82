using System.Collections.Concurrent;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.Modules.Partners.Data;
using MediatR;

namespace GccSaaS.IntegrationTests.Messaging;

/// <summary>A notification that only tests publish; <see cref="Probe"/> tells test runs apart.</summary>
public sealed record OutboxProbeNotification(Guid TenantId, Guid Probe, bool FailFirstTime = false) : INotification;

/// <summary>
/// Handles the probe through the product's inbox base, in the Partners module's database, and counts
/// how often its effect ran.
/// </summary>
internal sealed class OutboxProbeHandler(PartnersDbContext db) : IdempotentNotificationHandler<OutboxProbeNotification, PartnersDbContext>(db)
{
    public static readonly ConcurrentDictionary<Guid, int> Applied = new();
    public static readonly ConcurrentDictionary<Guid, int> Failures = new();

    public static int AppliedCount(Guid probe) => Applied.GetValueOrDefault(probe);

    protected override Task HandleOnceAsync(OutboxProbeNotification notification, CancellationToken cancellationToken)
    {
        if (notification.FailFirstTime && Failures.AddOrUpdate(notification.Probe, 1, (_, n) => n + 1) == 1)
        {
            throw new InvalidOperationException("The probe's handler fails the first time, as a flaky dependency would.");
        }

        Applied.AddOrUpdate(notification.Probe, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
