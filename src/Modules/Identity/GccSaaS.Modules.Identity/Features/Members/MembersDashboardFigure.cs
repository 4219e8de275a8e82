using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Features.Members;

/// <summary>
/// Identity's dashboard figure: how many members the tenant has (the Global admin's links to the Users page); a
/// reseller user counts its own organisation's members only.
/// </summary>
internal sealed class MembersDashboardFigure(
    GccSaaSIdentityDbContext db,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    IStringLocalizer<IdentityResource> text) : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        var tenant = tenants.RequireTenant();
        var user = users.Current;
        if (user is { IsReseller: true })
        {
            // A reseller's people are its own organisation's members, never the provider's whole workspace.
            var own = await db.Memberships.CountAsync(m => m.TenantId == tenant.Id && m.ResellerOrganisationId == user.ResellerOrganisationId, cancellationToken);
            return [new DashboardFigure("members", text["Figure_OrganisationMembers"].Value, own, null, Order: 900)];
        }

        var members = await db.Memberships.CountAsync(m => m.TenantId == tenant.Id, cancellationToken);
        var canManage = user?.TenantRole == GccSaaSRoles.GlobalAdmin;
        return
        [
            new DashboardFigure("members", text["Figure_Members"].Value, members, canManage ? $"/{tenant.Identifier}/users" : null, Order: 900),
        ];
    }
}
