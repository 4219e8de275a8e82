using GccSaaS.Host.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GccSaaS.Host.Identity.Authentication;

/// <summary>An API key that proved itself: its tenant and the role it carries.</summary>
internal sealed record AuthenticatedApiKey(Guid Id, Guid TenantId, string Name, string Role);

/// <summary>
/// Finds a presented API key by its public prefix (before any tenant is known), checks its secret against
/// the stored hash in constant time, refuses revoked keys at once, and records when it was last used.
/// </summary>
internal sealed class ApiKeyAuthenticator(GccSaaSIdentityDbContext db, TimeProvider clock, IOptions<IdentitySettings> settings)
{
    public async Task<AuthenticatedApiKey?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (Secrets.ApiKeyPrefixOf(presented) is not { } prefix)
        {
            return null;
        }

        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .Select(k => new { k.Id, k.TenantId, k.Name, k.Role, k.SecretHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null || !Secrets.Matches(key.SecretHash, presented))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var staleBefore = now - settings.Value.ApiKeyLastUsedResolution;
        await db.ApiKeys
            .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return new AuthenticatedApiKey(key.Id, key.TenantId, key.Name, key.Role);
    }
}
