using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Api;
using GccSaaS.Modules.Identity.Authentication;
using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Features.TwoFactor;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.Modules.Identity;

/// <summary>
/// The Identity module's only public type (ADR 0006): users, memberships, tenants, API keys, two-factor, user
/// invitations and the sign-in pages. ASP.NET Core Identity in schema <c>identity</c>, the portal's cookie and the
/// API's keys behind one default scheme, and the named policies of <see cref="GccSaaSPolicies"/>.
/// </summary>
public static class IdentityModule
{
    public const string Name = "Identity";

    /// <summary>Forwards to the API key scheme under /v1 and to the sign-in cookie everywhere else.</summary>
    internal const string PortalOrApiScheme = "PortalOrApi";

    /// <summary>Call before <c>AddModuleMessaging</c>, like every module.</summary>
    public static IHostApplicationBuilder AddIdentityModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Identity's commands run in this context's transaction: audited, and free to enqueue notifications.
        builder.AddModule(new ModuleParts<IdentityModuleDbContext>(Name, GccSaaSIdentityDbContext.SchemaName, typeof(IdentityResource)) // its refusals and audit lines in people's words
        {
            Contracts = typeof(GetMembershipQuery).Assembly,
        });
        var services = builder.Services;
        services.AddOptions<IdentitySettings>().Bind(builder.Configuration.GetSection(IdentitySettings.Section));
        services.AddPlatformSchema<GccSaaSIdentityDbContext>(GccSaaSIdentityDbContext.SchemaName);

        // The scope's one connection (DatabaseSession, ADR 0017), so a command commits identity changes in the
        // same transaction as every module's (IdentityTransactionBehavior). Memberships, invitations and API keys are
        // tenant tables under row-level security (ADR 0021), so the store sets the tenant like a module context does.
        services.AddSessionDbContext<GccSaaSIdentityDbContext>(GccSaaSIdentityDbContext.SchemaName);
        // A module's own step: the mediator runs it inside the platform's transaction step.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(IdentityTransactionBehavior<,>));

        // The key ring lives in the database, encrypted at rest with the deployment's certificate (issue 18). Without one
        // (outside development) the services still compose, but the host refuses to start, saying what to set.
        var dataProtection = services.AddDataProtection().SetApplicationName("GccSaaS");
        if (DataProtectionCertificate.TryLoad(builder.Configuration, builder.Environment, out var certificate, out var missing))
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        else
        {
            services.AddHostedService(_ => new DataProtectionCertificateCheck(missing));
        }

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>())));

        services.AddIdentity<GccSaaSUser, GccSaaSRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                // No lockout (issue 18): it let anyone lock out a known admin and told who exists. Guesses are
                // throttled per account and per source instead (GuessThrottle); Identity's counter never locks.
                o.Lockout.AllowedForNewUsers = false;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<GccSaaSIdentityDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<GccSaaSClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        // Signing out, a password change, a new authenticator key or a removed membership renews the security
        // stamp; every other session's cookie is checked against it at least this often (issue 18), on the
        // platform's clock.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider, IOptions<IdentitySettings>>((o, clock, settings) =>
        {
            o.ValidationInterval = settings.Value.SessionCheckInterval;
            o.TimeProvider = clock;
        });
        services.AddAbuseProtection();

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

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TenantAwareAuthorizationResultHandler>();

        services.AddHttpContextAccessor();
        services.AddScoped<UserMemberships>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyLastUseMemory>();
        services.AddScoped<CallerPermissions>();
        services.AddScoped<InvitationIssuer>();
        services.AddScoped<InvitationLookup>();
        services.AddScoped<MembershipWriter>();
        services.AddScoped<TwoFactorAccounts>();
        services.AddScoped<SignInLanding>();
        services.AddScoped<Features.PasswordReset.PasswordResetLinks>();
        services.AddSingleton<Features.PasswordReset.PasswordResetMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.PasswordReset.PasswordResetMailer>());
        services.AddScoped<IPlatformAuditLog, Features.PlatformAudit.PlatformAuditLog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapIdentityV1Endpoints();
        return endpoints;
    }
}
