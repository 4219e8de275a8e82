using System.Security.Claims;
using System.Text.Encodings.Web;
using GccSaaS.Modules.Identity.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GccSaaS.Modules.Identity.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> on <c>/v1</c>. The principal is the key itself: its id as the
/// user id, its name, its tenant and the role it carries (claims shaped like a member's, so the same
/// policies apply). Missing or invalid keys get 401 problem details with code <c>unauthorized</c>. Platform
/// keys (<c>gccp_…</c>) act for their owner with the owner's current platform roles, under
/// <c>/v1/platform/</c> only: anywhere else they get 401.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Set when the presented key proved itself but has expired: the challenge says so (401 <c>api_key_expired</c>).</summary>
    private const string ExpiredKeyItem = "GccSaaS.ApiKeyExpiredAt";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyDefaults.PresentedKey(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (Secrets.PlatformApiKeyPrefixOf(presented) is not null)
        {
            return await AuthenticatePlatformKeyAsync(presented);
        }

        var key = Context.Items[typeof(AuthenticatedApiKey)] as AuthenticatedApiKey
            ?? await Context.RequestServices.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(presented, Context.RequestAborted);
        if (key is { Expired: true })
        {
            Context.Items[ExpiredKeyItem] = key.ExpiresAt;
            return AuthenticateResult.Fail("The API key has expired.");
        }

        // The tenant was resolved from this key before authentication; a suspended tenant resolves to nothing.
        if (key is null || Context.GetTenant()?.Id != key.TenantId)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        // A reseller admin's key acts for its organisation only while its creator still administers that reseller
        // in this tenant (a removed member or an ended partnership takes its keys' power with it).
        if (key.ResellerOrganisationId is { } organisation)
        {
            var creator = await Context.RequestServices.GetRequiredService<UserMemberships>()
                .InTenantAsync(key.CreatedByUserId, key.TenantId, Context.RequestAborted);
            if (creator is null || creator.Role != GccSaaSRoles.ResellerAdmin || creator.ResellerOrganisationId != organisation)
            {
                return AuthenticateResult.Fail("The API key is not valid.");
            }
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString("D")),
            new(ClaimTypes.Name, key.Name),
            new(GccSaaSClaimTypes.DisplayName, key.Name),
            new(GccSaaSClaimTypes.ApiKeyId, key.Id.ToString("D")),
            new(GccSaaSClaimTypes.TenantId, key.TenantId.ToString("D")),
            new(GccSaaSClaimTypes.TenantRole, key.Role),
        };
        if (key.ResellerOrganisationId is { } reseller)
        {
            claims.Add(new Claim(GccSaaSClaimTypes.ResellerOrganisation, reseller.ToString("D")));
        }

        var identity = new ClaimsIdentity(claims, ApiKeyDefaults.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.Scheme));
    }

    /// <summary>
    /// A platform key (ADR 0011) authenticates only under <c>/v1/platform/</c> and never in a tenant; its
    /// principal is its owner (so acts are the owner's) with the owner's platform roles as they are now.
    /// </summary>
    private async Task<AuthenticateResult> AuthenticatePlatformKeyAsync(string presented)
    {
        if (!ApiKeyDefaults.IsPlatformRoute(Request) || Context.GetTenant() is not null)
        {
            return AuthenticateResult.Fail("A platform API key is valid only under /v1/platform/.");
        }

        var key = await Context.RequestServices.GetRequiredService<ApiKeyAuthenticator>().AuthenticatePlatformAsync(presented, Context.RequestAborted);
        if (key is { Expired: true })
        {
            Context.Items[ExpiredKeyItem] = key.ExpiresAt;
            return AuthenticateResult.Fail("The API key has expired.");
        }

        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.UserId.ToString("D")),
            new(ClaimTypes.Name, key.Name),
            new(GccSaaSClaimTypes.DisplayName, key.Name),
            new(GccSaaSClaimTypes.ApiKeyId, key.Id.ToString("D")),
        };
        if (key.Email is { } email)
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        claims.AddRange(key.PlatformRoles.Select(role => new Claim(ClaimTypes.Role, role)));
        var identity = new ClaimsIdentity(claims, ApiKeyDefaults.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ExpiredKeyItem] is DateTimeOffset expiredAt)
        {
            Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer error=\"invalid_token\", error_description=\"The API key has expired\"";
            return ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, IdentityErrorCodes.ApiKeyExpired,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The API key expired on {expiredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Create a new key, or rotate keys before they expire, in the portal's API keys settings."));
        }

        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized",
            "A valid API key is required: send it as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden",
            "The API key's role does not allow this operation.");
}
