using System.Diagnostics;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
        // A message-template scope: the console prints its values (a dictionary printed its type name), and structured
        // sinks still get Request, TenantId and CorrelationId as properties.
        using var scope = logger.BeginScope(ScopeFormat, name, tenants.Current?.Id, CorrelationContext.Current);
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

    private const string ScopeFormat = "{Request} tenant:{TenantId} MS-CorrelationId:{CorrelationId}";

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
/// Third behaviour: a command runs in one transaction of the scope's <see cref="DatabaseSession"/>, which every
/// module's DbContext shares (ADR 0017). The outermost request begins it; a request of another module sent from
/// inside joins it under a savepoint, so its refusal undoes only its own writes, and its changes are saved before it
/// returns. Everything commits once, when the outermost request succeeds, or not at all. Each module's outbox rows
/// commit with the changes they announce and are dispatched right after the commit (the clustered sweep publishes
/// whatever a crash left behind).
/// </summary>
internal sealed class TransactionBehavior<TRequest, TResponse>(
    IServiceProvider services,
    ModuleCatalog catalog,
    ITenantContextAccessor tenants,
    DatabaseSession session,
    OutboxDispatcher dispatcher)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var module = catalog.FindByRequestType(typeof(TRequest));
        if (module is null || IsReadOnlyQuery)
        {
            return await next();
        }

        var db = (ModuleDbContext)services.GetRequiredService(module.DbContextType);
        return session.Transaction is null
            ? await RunOutermostAsync(db, next, cancellationToken)
            : await RunNestedAsync(db, next, cancellationToken);
    }

    /// <summary>
    /// Issue 19: a query (a request named <c>…Query</c>) reads and writes nothing, so it needs no transaction of its
    /// own: each of its statements carries the tenant (and the named platform path) in its own implicit transaction
    /// (TenantCommandInterceptor), which saves the BEGIN, the tenant statement and the COMMIT round trips on every
    /// read. A query sent from inside a command still joins the command's transaction (the session's), so what a
    /// command reads stays consistent with what it writes (ADR 0017).
    /// </summary>
    private bool IsReadOnlyQuery => session.Transaction is null && typeof(TRequest).Name.EndsWith("Query", StringComparison.Ordinal);

    private async Task<TResponse> RunOutermostAsync(ModuleDbContext db, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        TResponse response;
        var tenant = tenants.Current;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var committed = false;
        try
        {
            response = await next();
            foreach (var participant in session.Participants.OfType<ModuleDbContext>().ToList())
            {
                await participant.SaveChangesAsync(cancellationToken);
            }

            // Read before the commit lets go of the participants.
            var announcing = session.Participants.OfType<ModuleDbContext>().Where(p => p.TakeEnqueuedNotifications()).ToList();
            await transaction.CommitAsync(cancellationToken);
            committed = true;
            if (tenant is not null)
            {
                foreach (var participant in announcing)
                {
                    await dispatcher.DispatchAsync(catalog.Modules.First(m => m.DbContextType == participant.GetType()), tenant, cancellationToken); // one outbox per context
                }
            }
        }
        finally
        {
            // A refusal or a failure disposes the transaction without a commit or rollback event: the session lets
            // go of it here, so no later request of the scope joins a transaction that is gone.
            if (!committed)
            {
                // What the refused command changed in memory was rolled back in the database; forgotten here too, so a
                // later command of the same scope (a page that goes on after a refusal) cannot save it.
                foreach (var participant in session.Participants.Append(db).Distinct().ToList())
                {
                    participant.ChangeTracker.Clear();
                }
            }

            var ended = transaction.GetDbTransaction();
            await transaction.DisposeAsync();
            session.Ended(ended);
        }

        return response;
    }

    private async Task<TResponse> RunNestedAsync(ModuleDbContext db, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        if (session.BeganWith(db))
        {
            return await next(); // a request of the module that began the transaction: part of the same unit
        }

        session.Join(db);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A nested request found no transaction to join.");
        var outerTenant = session.TransactionTenantId;
        // Named by its depth, not a fresh id: a name per request made every checkout a new pg_stat_statements entry
        // (issue 19). Depth keeps the names of the open savepoints distinct; a sibling may reuse a name, and PostgreSQL
        // releases or rolls back to the most recent savepoint of a name, which is always this request's own.
        await session.SetTransactionTenantAsync(tenants.Current?.Id, cancellationToken);
        var savepoint = session.EnterSavepoint();
        var created = false;
        try
        {
            await transaction.CreateSavepointAsync(savepoint, cancellationToken);
            created = true;
            var response = await next();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
            return response;
        }
        catch when (created)
        {
            // Refused or failed: its writes are undone, and nothing it left in the change tracker is saved later.
            await transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            await ForgetUnsavedAsync(db);
            throw;
        }
        finally
        {
            session.LeaveSavepoint();
            await session.SetTransactionTenantAsync(outerTenant, CancellationToken.None);
        }
    }

    private static async Task ForgetUnsavedAsync(ModuleDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                await entry.ReloadAsync(CancellationToken.None);
            }
        }
    }
}
