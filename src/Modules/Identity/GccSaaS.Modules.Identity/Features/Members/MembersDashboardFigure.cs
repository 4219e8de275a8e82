using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Identity.Features.Members;

/// <summary>Identity's dashboard figure: how many members the tenant has; the Global admin's links to the Users page.</summary>
internal sealed class MembersDashboardFigure(
    GccSaaSIdentityDbContext db,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    IStringLocalizer<IdentityResource> text) : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        var tenant = tenants.RequireTenant();
        var members = await db.Memberships.CountAsync(m => m.TenantId == tenant.Id, cancellationToken);
        var canManage = users.Current?.TenantRole == GccSaaSRoles.GlobalAdmin;
        return
        [
            new DashboardFigure("members", text["Figure_Members"].Value, members, canManage ? $"/{tenant.Identifier}/users" : null, Order: 900),
        ];
    }
}
