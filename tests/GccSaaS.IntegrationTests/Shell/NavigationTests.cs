using System.Globalization;
using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Host.Portal;
using GccSaaS.Modules.Customers;
using GccSaaS.Modules.Identity;
using GccSaaS.Modules.Notifications;
using GccSaaS.Modules.Ordering;
using GccSaaS.Modules.Partners;
using GccSaaS.Modules.Relationships;
using GccSaaS.Modules.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GccSaaS.IntegrationTests.Shell;

/// <summary>
/// Navigation by role (R-PAR-1, DOMAIN.md actors), over a chosen set of pages: who sees which link, which
/// one is current, and that a page missing from the build never shows up as a dead link.
/// </summary>
public sealed class NavigationTests
{
    private static readonly TenantInfo Contoso = new(Guid.NewGuid(), "contoso", "Contoso", TenantStatus.Active);

    private static readonly string[] AllPages =
    [
        "/{tenant}", "/{tenant}/resellers", "/{tenant}/customers", "/{tenant}/validation",
        "/{tenant}/users", "/{tenant}/settings/api-keys", "/{tenant}/audit", "/{tenant}/notifications",
        "/platform", "/platform/tenants", "/platform/review-desk", "/platform/jobs", "/invitations",
    ];

    [Fact]
    public void A_Global_admin_sees_the_provider_links_and_the_administration_links()
    {
        var view = Navigate(AllPages, User(GccSaaSRoles.GlobalAdmin), "/contoso/");

        // Issue 16: grouped by workspace (the dashboard and notifications first, then Customers, Resellers, Validation, Settings).
        Assert.Equal(
            ["dashboard", "notifications", "customers", "resellers", "validation", "users", "api-keys", "audit"],
            view.Items.Select(i => i.Key));
        Assert.Equal(
            [PortalGroup.Home, PortalGroup.Home, PortalGroup.Customers, PortalGroup.Resellers, PortalGroup.Validation, PortalGroup.Settings, PortalGroup.Settings, PortalGroup.Settings],
            view.Items.Select(i => i.Group));
        Assert.Equal("/contoso/settings/api-keys", view.Items.Single(i => i.Key == "api-keys").Href);
        Assert.Same(Contoso, view.Tenant);
    }

    [Theory]
    [InlineData(GccSaaSRoles.AdminAgent)]
    [InlineData(GccSaaSRoles.SalesAgent)]
    public void Provider_agents_see_no_users_api_keys_or_audit_log(string role)
    {
        var view = Navigate(AllPages, User(role), "/contoso/");

        Assert.Equal(["dashboard", "notifications", "customers", "resellers", "validation"], view.Items.Select(i => i.Key));
    }

    [Theory]
    [InlineData(GccSaaSRoles.ResellerAdmin, "dashboard notifications customers validation api-keys")]
    [InlineData(GccSaaSRoles.ResellerAgent, "dashboard notifications customers validation")]
    public void Reseller_users_see_their_dashboard_customers_validation_and_notifications_and_an_admin_its_api_keys(string role, string links)
    {
        var view = Navigate(AllPages, User(role), "/contoso/");

        // R-VAL-6: resellers submit customer validations through their provider's workspace; a reseller admin holds its
        // organisation's API keys (issue 18).
        Assert.Equal(links.Split(' '), view.Items.Select(i => i.Key));
    }

    [Fact]
    public void A_page_that_is_not_in_this_build_gets_no_link()
    {
        var view = Navigate(["/{tenant}", "/{t}/Users"], User(GccSaaSRoles.GlobalAdmin), "/contoso/");

        Assert.Equal(["dashboard", "users"], view.Items.Select(i => i.Key));
    }

    [Fact]
    public void The_current_page_is_marked_and_a_section_stays_current_on_its_sub_pages()
    {
        var onDashboard = Navigate(AllPages, User(GccSaaSRoles.GlobalAdmin), "/contoso");
        var onInvite = Navigate(AllPages, User(GccSaaSRoles.GlobalAdmin), "/contoso/users/invite");

        Assert.Equal(["dashboard"], onDashboard.Items.Where(i => i.IsCurrent).Select(i => i.Key));
        Assert.Equal(["users"], onInvite.Items.Where(i => i.IsCurrent).Select(i => i.Key));
    }

    [Fact]
    public void Someone_without_a_membership_in_the_tenant_sees_neither_the_tenant_nor_its_links()
    {
        var view = Navigate(AllPages, User(role: null), "/contoso/");

        Assert.Null(view.Tenant);
        Assert.Empty(view.Items);
    }

    [Fact]
    public void On_a_status_page_the_tenant_and_its_links_are_hidden()
    {
        var view = Navigate(AllPages, User(GccSaaSRoles.GlobalAdmin), "/error/404", statusPage: true);

        Assert.Null(view.Tenant);
        Assert.Empty(view.Items);
    }

    [Fact]
    public void A_Platform_admin_sees_tenants_and_jobs_and_a_Validation_reviewer_the_review_desk()
    {
        var admin = Navigate(AllPages, User(role: null, GccSaaSRoles.PlatformAdmin), "/platform/tenants", tenant: null);
        var reviewer = Navigate(AllPages, User(role: null, GccSaaSRoles.ValidationReviewer), "/platform", tenant: null);

        Assert.Equal(["platform", "tenants", "jobs"], admin.PlatformItems.Select(i => i.Key));
        Assert.Equal(["tenants"], admin.PlatformItems.Where(i => i.IsCurrent).Select(i => i.Key));
        Assert.Equal(["platform", "review-desk"], reviewer.PlatformItems.Select(i => i.Key));
        Assert.Empty(admin.Items);
    }

    [Fact]
    public void A_customer_administrator_sees_their_invitations()
    {
        var view = Navigate(AllPages, User(role: null, GccSaaSRoles.CustomerAdministrator), "/", tenant: null);

        Assert.Equal(["invitations"], view.Items.Select(i => i.Key));
        Assert.Empty(view.PlatformItems);
    }

    [Fact]
    public void Nobody_signed_in_sees_no_navigation()
    {
        var view = Navigate(AllPages, user: null, "/contoso/");

        Assert.Empty(view.Items);
        Assert.Empty(view.PlatformItems);
    }

    private static readonly IStringLocalizerFactory Localizers =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>The links the host and every module register, composed as Program.cs composes them (no database is touched).</summary>
    private static readonly Lazy<PortalLink[]> RegisteredLinks = new(() =>
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddGccSaaSPlatform();
        builder.AddPartnersModule();
        builder.AddCustomersModule();
        builder.AddRelationshipsModule();
        builder.AddValidationModule();
        builder.AddOrderingModule();
        builder.AddNotificationsModule();
        builder.AddIdentityModule();
        builder.AddPortalShell();
        return [.. builder.Services.Select(d => d.ImplementationInstance).OfType<PortalLink>()];
    });

    [Fact]
    public void Every_registered_link_has_its_text_and_its_dashboard_line_in_every_language()
    {
        var missing = new List<string>();
        foreach (var link in RegisteredLinks.Value)
        {
            var texts = new System.Resources.ResourceManager(link.TextResource);
            var keys = link.Key is "dashboard" or "platform" ? [link.TextKey] : new[] { link.TextKey, link.TextKey + "_Description" };
            foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("de"), new CultureInfo("fr"), new CultureInfo("es") })
            {
                var set = texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
                missing.AddRange(keys.Where(k => string.IsNullOrWhiteSpace(set?.GetString(k)))
                    .Select(k => $"{link.TextResource.Name}.{k} ({(culture.Name.Length == 0 ? "en" : culture.Name)})"));
            }
        }

        Assert.True(RegisteredLinks.Value.Length >= 20, "every module's links are registered");
        Assert.Empty(missing);
    }

    private static CurrentUser User(string? role, params string[] platformRoles) =>
        new(Guid.NewGuid(), "Test User", "user@example.test", role, null, platformRoles);

    private static PortalView Navigate(string[] pages, CurrentUser? user, string path, bool statusPage = false, TenantInfo? tenant = null)
    {
        tenant ??= path.StartsWith("/contoso", StringComparison.Ordinal) || statusPage ? Contoso : null;
        var endpoints = pages.Select(p => new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse(p), 0).Build());
        var navigation = new PortalNavigation(new PortalRoutes(new DefaultEndpointDataSource(endpoints)), RegisteredLinks.Value, Localizers);
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<ICurrentUserAccessor>(new FixedUser(user)).BuildServiceProvider(),
        };
        context.Request.Path = path;
        if (tenant is not null)
        {
            context.Features.Set(new TenantFeature(tenant));
        }

        if (statusPage)
        {
            context.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature { OriginalPath = "/contoso/missing" });
        }

        return navigation.For(context);
    }

    private sealed class FixedUser(CurrentUser? user) : ICurrentUserAccessor
    {
        public CurrentUser? Current => user;
    }
}
