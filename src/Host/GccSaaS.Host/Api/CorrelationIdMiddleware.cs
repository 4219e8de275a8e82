using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.Host.Api;

/// <summary>
/// Accepts <c>MS-CorrelationId</c> (a GUID) or creates one, returns it on every response, and puts it in
/// the log scope and the <see cref="CorrelationContext"/> of everything the request does (R-PC-10). Runs
/// first in the pipeline, so the exception handler's and status pages' lines and answers carry it too.
/// The scope is the request's only one: ASP.NET Core's own request scope is off (appsettings: the category
/// <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> at <c>None</c>) because it writes the raw path, and an
/// invitation link carries its token in the path (issue 18). This one writes the path with tokens redacted.
/// </summary>
internal sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    /// <summary>
    /// A message-template scope: the console's simple formatter prints it as <c>MS-CorrelationId:… GET /path</c>
    /// (a dictionary would print as its type name), structured providers get the properties.
    /// </summary>
    private const string ScopeFormat = ApiHeaders.CorrelationId + ":{CorrelationId} TraceId:{TraceId} {RequestMethod} {RequestPath}";

    /// <summary>
    /// A path as logs may show it: every segment that looks like a link token (40 or more base64url characters;
    /// a GUID has 36) becomes <c>[token]</c>. Link tokens are 43 characters (<c>LinkTokens.NewToken</c>).
    /// </summary>
    public static string RedactedPath(PathString path) =>
        path.HasValue ? TokenSegment().Replace(path.Value, "/[token]") : "/";

    [GeneratedRegex("/[A-Za-z0-9_-]{40,}(?=/|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TokenSegment();

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
        using (logger.BeginScope(ScopeFormat, correlationId, context.TraceIdentifier, context.Request.Method, RedactedPath(context.Request.Path)))
        using (CorrelationContext.Begin(correlationId))
        {
            await next(context);
        }
    }
}
