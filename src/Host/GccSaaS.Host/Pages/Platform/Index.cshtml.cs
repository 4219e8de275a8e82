using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Host.Shell.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Pages.Platform;

/// <summary>The platform operators' home: the platform's figures and the tasks of their roles.</summary>
[Authorize(Policy = GccSaaSPolicies.PlatformUser)]
internal sealed class PlatformHomeModel(ITenantStore tenants, PortalNavigation navigation) : PageModel
{
    public long ActiveTenants { get; private set; }

    public IReadOnlyList<NavigationItem> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ActiveTenants = await tenants.CountActiveAsync(cancellationToken);
        Tasks = [.. navigation.For(HttpContext).PlatformItems.Where(i => i.Key != "platform")];
    }
}
