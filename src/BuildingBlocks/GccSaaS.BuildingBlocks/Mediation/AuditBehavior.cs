using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Mediation;

/// <summary>
/// Fourth, innermost behaviour: a state-changing request (its type name ends with <c>Command</c>) that
/// succeeded writes an <see cref="AuditEntryRecorded"/> to its module's outbox. It runs inside the
/// transaction the transaction behaviour opened, so the entry commits with the change or not at all, and
/// is delivered after commit like every notification. Requests of no module are not recorded; requests without a
/// tenant (platform-level acts: creating a tenant, two-factor changes, platform operators' acts) have no tenant outbox
/// and go to the platform audit log (<see cref="IPlatformAuditLog"/>, issue 18), in the same transaction, with the tenant
/// the act concerns when its handler told one (<see cref="PlatformAuditSubject"/>, issue 16).
/// </summary>
internal sealed class AuditBehavior<TRequest, TResponse>(
    IServiceProvider services,
    ModuleCatalog catalog,
    ITenantContextAccessor tenants,
    TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var response = await next();
        if (request is null
            || !typeof(TRequest).Name.EndsWith("Command", StringComparison.Ordinal)
            || catalog.FindByRequestType(typeof(TRequest)) is not { } module)
        {
            return response;
        }

        // The identity area provides the accessor; without it (or without a user) the actor is the system.
        var user = services.GetService<ICurrentUserAccessor>()?.Current;
        if (tenants.Current is not { } tenant)
        {
            if (services.GetService<IPlatformAuditLog>() is { } platformLog)
            {
                await platformLog.RecordAsync(
                    new PlatformAuditEvent(
                        typeof(TRequest).Name,
                        module.Name,
                        AuditRedaction.Describe(request),
                        user?.UserId,
                        user?.DisplayName ?? AuditEntryRecorded.SystemActor,
                        user?.ApiKeyId,
                        services.GetService<PlatformAuditSubject>()?.TenantId),
                    cancellationToken);
            }

            return response;
        }

        var db = (ModuleDbContext)services.GetRequiredService(module.DbContextType);
        db.EnqueueNotification(
            new AuditEntryRecorded(
                tenant.Id,
                Guid.CreateVersion7(),
                clock.GetUtcNow(),
                typeof(TRequest).Name,
                module.Name,
                AuditRedaction.Describe(request),
                user?.UserId,
                user?.DisplayName ?? AuditEntryRecorded.SystemActor,
                user?.ApiKeyId,
                CorrelationContext.Current),
            clock);
        return response;
    }
}
