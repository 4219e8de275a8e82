using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Host.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Pages;

/// <summary>
/// Localised status pages for portal URLs (403, 404, 500…), re-executed by the status-code and exception
/// middleware with the original method: so no antiforgery check here, and every handler renders.
/// A 404 says the same for an unknown tenant and for one the user may not enter.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
internal sealed class ErrorModel(PortalRoutes routes) : PageModel
{
    public int Code { get; private set; }

    public bool CanSelectTenant { get; private set; }

    // Runs whether or not a handler matches the re-executed method (GET, POST, PUT, DELETE…).
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Code = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null && Response.StatusCode is >= 400 and < 500
            ? Response.StatusCode // a request the server could not read: the status the exception handler chose
            : int.TryParse(RouteData.Values["code"]?.ToString(), out var code) && code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        CanSelectTenant = HttpContext.RequestServices.GetService<ICurrentUserAccessor>()?.Current is not null
            && routes.Exists("/select-tenant");
    }
}
