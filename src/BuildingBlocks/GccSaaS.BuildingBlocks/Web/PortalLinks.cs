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

/// <summary>
/// Puts the page whose model carries it in the portal's navigation (and among the dashboard's shortcuts): the link
/// lives with the use case it opens (issue 12), and <c>AddModule</c> registers it as a <see cref="PortalLink"/>.
/// <see cref="Template"/> is the page's route; its area follows from it (<c>/platform/…</c> or <c>/{tenant}/…</c>).
/// The link is shown to the roles that satisfy <see cref="Policy"/>, by default the policy of the page's own
/// <c>[Authorize]</c>, so the navigation never offers a page its reader may not open. <see cref="TextKey"/> names its
/// text in <see cref="TextResource"/>, by default the module's resource.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NavigationLinkAttribute(string key, string template, string textKey, int order) : Attribute
{
    public string Key { get; } = key;

    public string Template { get; } = template;

    public string TextKey { get; } = textKey;

    public int Order { get; } = order;

    /// <summary>The workspace the link is listed under (tenant links).</summary>
    public PortalGroup Group { get; set; } = PortalGroup.Home;

    /// <summary>The policy whose roles see the link, when narrower than the page's own.</summary>
    public string? Policy { get; set; }

    /// <summary>Another of the module's resources holding <see cref="TextKey"/>.</summary>
    public Type? TextResource { get; set; }
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
