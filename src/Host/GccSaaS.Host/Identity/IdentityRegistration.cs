using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Host.Identity.Api;
using GccSaaS.Host.Identity.Authentication;
using GccSaaS.Host.Identity.Authorization;
using GccSaaS.Host.Identity.Data;
using GccSaaS.Host.Identity.Features.Invitations;
using GccSaaS.Host.Identity.Features.TwoFactor;
using GccSaaS.Host.Identity.Portal;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.Host.Identity;

/// <summary>
/// Sign-in, memberships, roles and API keys (ADR 0006): ASP.NET Core Identity in schema <c>identity</c>,
/// the portal's cookie and the API's keys behind one default scheme, and the named policies of
/// <see cref="GccSaaSPolicies"/>.
/// </summary>
internal static class IdentityRegistration
{
    /// <summary>Forwards to the API key scheme under /v1 and to the sign-in cookie everywhere else.</summary>
    public const string PortalOrApiScheme = "PortalOrApi";

    /// <summary>Call after <c>AddModuleMessaging</c>: its pipeline step must run inside the transaction step.</summary>
    public static IHostApplicationBuilder AddGccSaaSIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdentitySettings>().Bind(builder.Configuration.GetSection(IdentitySettings.Section));
        services.AddPlatformSchema<GccSaaSIdentityDbContext>(GccSaaSIdentityDbContext.SchemaName);

        // The scope's one connection (DatabaseSession, ADR 0017), so a command commits identity changes in the
        // same transaction as every module's (IdentityTransactionBehavior). Identity tables are not RLS-fenced.
        services.AddDbContext<GccSaaSIdentityDbContext>((sp, options) => options.UseNpgsql(
            sp.GetRequiredService<DatabaseSession>().Connection,
            o => o.MigrationsHistoryTable("__EFMigrationsHistory", GccSaaSIdentityDbContext.SchemaName)));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(IdentityTransactionBehavior<,>));

        services.AddDataProtection().SetApplicationName("GccSaaS");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>())));

        services.AddIdentity<GccSaaSUser, GccSaaSRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<GccSaaSIdentityDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<GccSaaSClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        // A password change, a new authenticator key or a lockout reaches other sessions within minutes.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PortalOrApiScheme;
                o.DefaultAuthenticateScheme = PortalOrApiScheme;
                o.DefaultChallengeScheme = PortalOrApiScheme;
                o.DefaultForbidScheme = PortalOrApiScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignOutScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(PortalOrApiScheme, null, o => o.ForwardDefaultSelector = context =>
                ApiKeyDefaults.AppliesTo(context.Request) ? ApiKeyDefaults.Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "GccSaaS.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A member whose role does not allow a page gets 403 (the localised status page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddScoped<IClaimsTransformation, TenantRoleClaimsTransformation>();
        services.AddTenantResolutionStrategy<ApiKeyTenantResolutionStrategy>();

        services.AddRolePolicies(GccSaaSPolicies.Roles);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TenantAwareAuthorizationResultHandler>();

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUserAccessor, HttpContextCurrentUserAccessor>();
        services.AddScoped<ITenantDirectory, TenantDirectory>();
        services.AddScoped<IResellerMemberships, ResellerMemberships>();
        services.AddScoped<IPortalAccounts, PortalAccounts>();
        services.AddScoped<UserMemberships>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddScoped<CallerPermissions>();
        services.AddScoped<InvitationIssuer>();
        services.AddScoped<InvitationLookup>();
        services.AddScoped<MembershipWriter>();
        services.AddScoped<TwoFactorAccounts>();
        services.AddScoped<SignInLanding>();
        return builder;
    }

    /// <summary>Authentication, the membership gate, then authorization (after routing, before endpoints).</summary>
    public static WebApplication UseGccSaaSIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(MembershipGate);
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// A signed-in user without a membership in the tenant a portal URL names gets 404 for every URL of that
    /// tenant, whatever the page (its existence is not revealed). Policies say the same per endpoint; this
    /// also covers a page that forgot its policy.
    /// </summary>
    private static Task MembershipGate(HttpContext context, RequestDelegate next)
    {
        if (context.GetTenant() is { } tenant
            && !ApiKeyDefaults.AppliesTo(context.Request)
            && context.User.Identity is { IsAuthenticated: true }
            && RoleRequirement.RoleInTenant(context.User, tenant) is null)
        {
            return TenantAwareAuthorizationResultHandler.NotFoundAsync(context);
        }

        return next(context);
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        app.MapIdentityV1Endpoints();
        return app;
    }
}
