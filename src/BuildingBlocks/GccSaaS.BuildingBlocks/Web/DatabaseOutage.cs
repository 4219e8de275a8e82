using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// A request that fails because PostgreSQL is unreachable, restarting or refusing connections is answered 503 with
/// <c>Retry-After</c> (issue 18): <c>/v1</c> with the <c>service_unavailable</c> problem, the portal with its status
/// page. Never a 500 with a stack: nothing was committed (the command's one transaction could not be), and the
/// same request succeeds once the database is back. Registered inside the exception handlers, so they never see it.
/// </summary>
public static partial class DatabaseOutage
{
    /// <summary>Seconds a client should wait before retrying: a PostgreSQL restart takes a few.</summary>
    public const int RetryAfterSeconds = 5;

    public static IApplicationBuilder UseDatabaseOutageAnswer(this IApplicationBuilder app, Func<HttpContext, bool> isPortalRequest)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(isPortalRequest);
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (Is(exception) && !context.Response.HasStarted)
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseOutage).FullName ?? nameof(DatabaseOutage));
                LogOutage(logger, context.Request.Method, LogPaths.Redacted(context.Request.Path), exception.GetType().Name, Describe(exception));
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers.CacheControl = "no-store";
                if (!isPortalRequest(context))
                {
                    await ApiProblems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "service_unavailable",
                        $"The service is briefly unavailable. Retry after {RetryAfterSeconds} seconds with the same MS-RequestId.");
                }

                // The portal's status pages answer an empty 503 with the localised page.
            }
        });
    }

    /// <summary>
    /// True when the exception (or one it wraps) says the database could not be reached or ended the session:
    /// a connection that failed or broke (Npgsql's transient errors), a server shutting down or starting
    /// (57P01-57P03), a connection failure (class 08) or too many connections (53300); or that the database could not
    /// finish the work now and rolled it back, so the same request may be sent again: a deadlock (40P01), a serialization
    /// failure (40001) or a statement cancelled by its timeout (57014) under load.
    /// </summary>
    public static bool Is(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 10; depth++, exception = exception.InnerException)
        {
            switch (exception)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.DeadlockDetected
                            or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.QueryCanceled;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case InvalidOperationException when IsBrokenTransaction(exception):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.Any(Is);
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// Npgsql marks the transaction of a connection that broke as completed; the unit of work's next command (e.g. the
    /// outbox signal after SaveChanges) then fails with this plain InvalidOperationException, no inner exception. Seen
    /// during a real PostgreSQL restart under load (issue 18, DatabaseRestartTests): nothing was committed.
    /// </summary>
    private static bool IsBrokenTransaction(Exception exception) =>
        exception.InnerException is null
        && string.Equals(exception.Source, "Npgsql", StringComparison.Ordinal)
        && exception.Message.Contains("Transaction is already completed", StringComparison.Ordinal);

    private static string Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres.SqlState;
            }
        }

        return exception.InnerException?.GetType().Name ?? "connection";
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning, Message = "Database unavailable: {Method} {Path} answered 503 ({Exception}, {Reason})")]
    private static partial void LogOutage(ILogger logger, string method, string path, string exception, string reason);
}
