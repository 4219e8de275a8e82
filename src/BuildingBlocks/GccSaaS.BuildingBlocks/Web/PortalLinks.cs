using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>Where a link of the portal's navigation appears.</summary>
public enum PortalArea
{
    /// <summary>A tenant's workspace (<c>/{tenant}/…</c>): shown to members whose tenant role it names.</summary>
    Tenant,

    /// <summary>The platform (<c>/platform/…</c>): shown to users who hold a platform role it names.</summary>
    Platform,
}

/// <summary>
/// One link a module adds to the portal's navigation (and to the dashboard's shortcuts). <paramref name="Template"/>
/// is the page's route (<c>{tenant}</c> replaced by the tenant's identifier); <paramref name="TextKey"/> names its
/// text in <paramref name="TextResource"/> (the module's own resource), and <c>{TextKey}_Description</c> the line the
/// dashboard shows under it. <paramref name="Roles"/> are the roles that see it (null: every member of the tenant, or
/// every platform user). Links are shown by <paramref name="Order"/>, only when the page exists, under their
/// <paramref name="Group"/> (the workspaces of Partner Center's own menu: Customers, Resellers, Validation, Settings).
/// </summary>
public sealed record PortalLink(
    string Key,
    PortalArea Area,
    string Template,
    Type TextResource,
    string TextKey,
    int Order,
    IReadOnlyList<string>? Roles = null,
    PortalGroup Group = PortalGroup.Home);

/// <summary>The workspace a tenant link belongs to in the navigation (platform links are one group of their own).</summary>
public enum PortalGroup
{
    /// <summary>The dashboard and the user's notifications: always first, without a heading.</summary>
    Home,

    /// <summary>Customers, the catalogue, prices and subscriptions.</summary>
    Customers,

    /// <summary>Indirect resellers and providers, invitations waiting for an answer.</summary>
    Resellers,

    /// <summary>GCC validation and the partner profile.</summary>
    Validation,

    /// <summary>Users, API keys, invitation settings, the audit log.</summary>
    Settings,
}

public static class PortalLinkRegistration
{
    /// <summary>Adds a link to the portal's navigation: a module calls it in its own <c>Add…Module</c>.</summary>
    public static IServiceCollection AddPortalLink(this IServiceCollection services, PortalLink link)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(link);
        services.AddSingleton(link);
        return services;
    }
}
