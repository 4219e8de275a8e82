using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Host.Resources;
using GccSaaS.Modules.Identity.Contracts;
using MediatR;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Host.Portal;

/// <summary>The shell's own dashboard figure: how many members the tenant has (asked of Identity).</summary>
internal sealed class TenantMembersFigures(
    IMediator mediator,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor? users,
    PortalRoutes routes,
    IStringLocalizer<SharedResource> text) : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        var tenant = tenants.RequireTenant();
        var members = await mediator.Send(new ListTenantMembersQuery(tenant.Id), cancellationToken);
        var canManage = users?.Current?.TenantRole == GccSaaSRoles.GlobalAdmin && routes.Exists("/{tenant}/users");
        return
        [
            new DashboardFigure("members", text["Figure_Members"].Value, members.Count, canManage ? $"/{tenant.Identifier}/users" : null, Order: 900),
        ];
    }
}

/// <summary>Contributes nothing: stands in for a figure whose source is not part of this build.</summary>
internal sealed class NoDashboardFigures : IDashboardFigures
{
    public static readonly NoDashboardFigures Instance = new();

    public Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DashboardFigure>>([]);
}
