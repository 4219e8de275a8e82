using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages;

/// <summary>The tenant switch: one link per membership (a reseller working with two providers signs in once).</summary>
[Authorize]
internal sealed class SelectTenantModel(UserMemberships memberships) : PageModel
{
    public IReadOnlyList<MembershipSummary> Memberships { get; private set; } = [];

    public bool IsPlatformAdmin { get; private set; }

    public async Task OnGetAsync()
    {
        IsPlatformAdmin = User.IsInRole(GccSaaSRoles.PlatformAdmin);
        if (Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            Memberships = await memberships.ListAsync(userId, HttpContext.RequestAborted);
        }
    }
}
