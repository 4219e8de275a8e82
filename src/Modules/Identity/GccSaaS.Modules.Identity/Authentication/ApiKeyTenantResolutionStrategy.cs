using Microsoft.Net.Http.Headers;

namespace GccSaaS.Modules.Identity.Authentication;

/// <summary>
/// API calls carry their tenant in their credential: for <c>/v1</c>, the tenant is the API key's. Runs
/// before authentication (with the other strategies); the key it proved is kept for the ApiKey handler,
/// so each request checks its key once.
/// </summary>
internal sealed class ApiKeyTenantResolutionStrategy : ITenantResolutionStrategy
{
    public async Task<TenantInfo?> ResolveAsync(HttpContext context, ITenantLookup store)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (!ApiKeyDefaults.AppliesTo(context.Request) || ApiKeyDefaults.PresentedKey(context.Request) is not { } presented)
        {
            return null;
        }

        var authenticator = context.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
        var key = await authenticator.AuthenticateAsync(presented, context.RequestAborted);
        if (key is null)
        {
            return null;
        }

        context.Items[typeof(AuthenticatedApiKey)] = key;
        if (key.Expired)
        {
            return null; // an expired key reaches no tenant; the handler answers 401 api_key_expired
        }

        return await store.FindByIdAsync(key.TenantId, context.RequestAborted);
    }
}

internal static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    private const string BearerPrefix = "Bearer ";

    /// <summary>The REST API authenticates with API keys only; the portal's cookie does not reach it.</summary>
    public static bool AppliesTo(HttpRequest request) => request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    /// <summary>The platform operators' API (<c>/v1/platform/…</c>): the only routes a platform key authenticates.</summary>
    public static bool IsPlatformRoute(HttpRequest request) => request.Path.StartsWithSegments("/v1/platform", StringComparison.OrdinalIgnoreCase);

    public static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = header[BearerPrefix.Length..].Trim();
        return key.Length == 0 ? null : key;
    }
}
