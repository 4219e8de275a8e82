using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Host.Portal;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Pages;

/// <summary>The public start page: what the product is, and the way in (sign-in, or the user's workspaces).</summary>
internal sealed class IndexModel(PortalRoutes routes) : PageModel
{
    public CurrentUser? SignedIn { get; private set; }

    public bool CanSignIn { get; private set; }

    public bool CanSelectTenant { get; private set; }

    public bool IsPlatformUser { get; private set; }

    public void OnGet()
    {
        SignedIn = HttpContext.RequestServices.GetService<ICurrentUserAccessor>()?.Current;
        CanSignIn = routes.Exists("/account/sign-in");
        CanSelectTenant = routes.Exists("/select-tenant");
        IsPlatformUser = SignedIn is not null && GccSaaSRoles.PlatformRoles.Any(SignedIn.HasPlatformRole);
    }
}
