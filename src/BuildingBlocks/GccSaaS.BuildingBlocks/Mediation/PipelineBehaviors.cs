using System.Diagnostics;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GccSaaS.BuildingBlocks.Mediation;

/// <summary>First behaviour: names the request, its tenant and correlation id in every log line below it.</summary>
internal sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger, ITenantContextAccessor tenants)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var name = typeof(TRequest).Name;
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Request"] = name,
            ["TenantId"] = tenants.Current?.Id,
            ["CorrelationId"] = CorrelationContext.Current,
        });
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            LogHandled(logger, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is DomainRuleException or RequestValidationException)
        {
            LogRefused(logger, name, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string request, string reason);
}

/// <summary>Second behaviour: refuses bad input before any handler runs or writes.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IRequestValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var failures = validators.SelectMany(v => v.Validate(request)).ToList();
        return failures.Count > 0 ? throw new RequestValidationException(failures) : next();
    }
}

/// <summary>
/// Third behaviour: a request served by a module runs in one transaction of that module's DbContext;
/// its outbox rows commit with its changes and are dispatched right after commit (the clustered sweep
/// publishes whatever a crash left behind). A nested request of the same module joins the transaction.
/// </summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(
    IServiceProvider services,
    ModuleCatalog catalog,
    ITenantContextAccessor tenants,
    OutboxDispatcher dispatcher)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var module = catalog.FindByRequestType(typeof(TRequest));
        if (module is null)
        {
            return await next();
        }

        var db = (ModuleDbContext)services.GetRequiredService(module.DbContextType);
        if (db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        TResponse response;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            response = await next();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (db.TakeEnqueuedNotifications() && tenants.Current is { } tenant)
        {
            await dispatcher.DispatchAsync(module, tenant, cancellationToken);
        }

        return response;
    }
}
