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
    private const int PageSize = 500;

    public long ActiveTenants { get; private set; }

    public IReadOnlyList<NavigationItem> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Keyset pages through the tenant store; the platform has few tenants, and no count query exists there.
        Guid? after = null;
        while (true)
        {
            var page = await tenants.ListActiveAsync(after, PageSize, cancellationToken);
            ActiveTenants += page.Count;
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        Tasks = [.. navigation.For(HttpContext).PlatformItems.Where(i => i.Key != "platform")];
    }
}
