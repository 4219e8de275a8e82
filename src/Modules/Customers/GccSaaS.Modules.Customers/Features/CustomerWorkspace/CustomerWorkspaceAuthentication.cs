using System.Security.Claims;
using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Customers.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <summary>
/// The customer administrator's own sign-in (issue 15, ADR 0020): a cookie scheme of its own, scoped to
/// <c>/customer</c>, never the portal's default scheme. Provider and reseller pages and <c>/v1</c> authenticate with
/// the portal cookie or an API key only, so a customer cookie opens nothing there (the browser does not even send it
/// outside <c>/customer</c>); the workspace accepts only this scheme, so a provider user's cookie opens nothing here.
/// The principal names the customer tenant and the credential stamp; a password reset changes the stamp and ends
/// every earlier session.
/// </summary>
internal static class CustomerWorkspaceAuthentication
{
    public const string Scheme = "CustomerAdministrator";

    public const string Policy = "CustomerAdministrator";

    public const string CustomerTenantClaim = "gccsaas:customer_tenant";

    public const string CredentialStampClaim = "gccsaas:customer_credential";

    public const string CookieName = "GccSaaS.Customer";

    public const string PathPrefix = "/customer";

    public const string ApiPrefix = "/customer/api";

    public static IServiceCollection AddCustomerWorkspace(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.Path = PathPrefix;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = PathPrefix + "/sign-in";
                o.LogoutPath = PathPrefix + "/sign-out";
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateAsync;
                o.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        // A local address (the workspace's home follows sign-in; no return address to forge).
                        context.Response.Redirect(PathPrefix + "/sign-in");
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(CustomerTenantClaim));
        services.AddAbuseProtection(); // the shared guess throttle (issue 18)
        services.AddScoped<CustomerAdministratorSignIn>();
        services.AddScoped<CustomerWorkspaceSession>();
        services.AddScoped<CustomerLicenseBook>();
        services.AddScoped<CustomerPartnerAccess>();
        services.AddScoped<CustomerActivityLog>();
        services.AddSweepJob<GrantExpirySweepJob>(GrantExpirySweepJob.JobName, _ => TimeSpan.FromMinutes(15));
        return services;
    }

    public static ClaimsPrincipal Principal(Guid customerTenantId, string userName, string companyName, Guid credentialStamp)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(CustomerTenantClaim, customerTenantId.ToString("D")),
                new Claim(CredentialStampClaim, credentialStamp.ToString("D")),
                new Claim(ClaimTypes.Name, userName),
                new Claim(ClaimTypes.GivenName, companyName),
            ],
            Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The customer tenant the principal signed in for, or null (any other principal).</summary>
    public static Guid? CustomerTenantOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme }
        && Guid.TryParse(user.FindFirstValue(CustomerTenantClaim), out var id) ? id : null;

    /// <summary>A reset password (or a removed administrator) ends the session at its next request.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null
            || !Guid.TryParse(principal.FindFirstValue(CustomerTenantClaim), out var customerTenantId)
            || !Guid.TryParse(principal.FindFirstValue(CredentialStampClaim), out var stamp))
        {
            context.RejectPrincipal();
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<CustomersDbContext>();
        var current = await db.CustomerTenantAdmins.AsNoTracking()
            .Where(a => a.CustomerTenantId == customerTenantId)
            .Select(a => (Guid?)a.CredentialStamp)
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>The customer tenant as the workspace's tenant scope: its own rows (users, assignments, activity) are fenced by RLS on its id.</summary>
    public static TenantInfo TenantOf(Guid customerTenantId, string companyName) =>
        new(customerTenantId, "customer", companyName, TenantStatus.Active);
}
