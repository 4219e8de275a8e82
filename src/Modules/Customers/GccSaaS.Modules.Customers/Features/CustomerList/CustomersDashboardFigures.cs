using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Resources;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>The dashboard's customer figures: the customers the user may see (R-CUS-3) and how many are GCC customers.</summary>
internal sealed class CustomersDashboardFigures(
    CustomersDbContext db,
    CustomerScope scope,
    ITenantContextAccessor tenants,
    IStringLocalizer<CustomersResource> c) : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (tenants.Current is not { } tenant || scope.User?.TenantRole is null)
        {
            return [];
        }

        var visible = scope.Visible(tenant.Id);
        var all = await visible.CountAsync(cancellationToken);
        var gcc = await visible.CountAsync(
            x => db.Qualifications.Any(q => q.CustomerTenantId == x.CustomerTenantId
                && q.Qualification == CustomerQualifications.GovernmentCommunityCloud && q.VettingStatus == VettingStatus.Approved),
            cancellationToken);
        var link = $"/{tenant.Identifier}/customers";
        return
        [
            new DashboardFigure("customers.all", c["Dashboard_Customers"].Value, all, link, 20),
            new DashboardFigure("customers.gcc", c["Dashboard_GccCustomers"].Value, gcc, link + "?qualification=GovernmentCommunityCloud", 21),
        ];
    }
}
