using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Api;

/// <summary>
/// Runs right after routing for <c>/v1</c> requests: echoes <c>MS-RequestId</c> (the client's, or one made
/// up, as Partner Center does) on every response, and keeps portal pages from answering under <c>/v1</c> —
/// a page route such as <c>/{tenant}/…</c> would otherwise match <c>/v1/…</c> and answer with HTML or a
/// sign-in redirect. Such a match is dropped, so the request ends as a 404 problem like any unknown API path.
/// </summary>
internal sealed class ApiRequestMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (PartnerCenterApi.IsApiRequest(context.Request))
        {
            _ = ApiRequestId.Get(context);
            if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            {
                context.SetEndpoint(null);
            }
        }

        return next(context);
    }
}
