using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.Host.Api;

/// <summary>
/// Accepts <c>MS-CorrelationId</c> (a GUID) or creates one, returns it on every response, and puts it in
/// the log scope and the <see cref="CorrelationContext"/> of everything the request does (R-PC-10). Runs
/// first in the pipeline, so the exception handler's and status pages' lines and answers carry it too.
/// The scope is the request's only one: ASP.NET Core's own request scope is off (appsettings: the category
/// <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> at <c>None</c>) because it writes the raw path, and an
/// invitation link carries its token in the path (issue 18). This one writes the path with tokens redacted
/// (<see cref="LogPaths"/>).
/// </summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    /// <summary>
    /// A message-template scope: the console's simple formatter prints it as <c>MS-CorrelationId:… GET /path</c>
    /// (a dictionary would print as its type name), structured providers get the properties.
    /// </summary>
    private const string ScopeFormat = ApiHeaders.CorrelationId + ":{CorrelationId} TraceId:{TraceId} {RequestMethod} {RequestPath}";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[ApiHeaders.CorrelationId].ToString();
        var correlationId = Guid.TryParse(incoming, out var parsed) ? parsed.ToString("D") : Guid.NewGuid().ToString("D");
        // On starting rather than now: the exception handler clears headers before it answers.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[ApiHeaders.CorrelationId] = correlationId;
            return Task.CompletedTask;
        });
        using (logger.BeginScope(ScopeFormat, correlationId, context.TraceIdentifier, context.Request.Method, LogPaths.Redacted(context.Request.Path)))
        using (CorrelationContext.Begin(correlationId))
        {
            await next(context);
        }
    }
}
