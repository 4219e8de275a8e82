using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Modules.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Authentication;

/// <summary>An API key that proved itself: its tenant and the role it carries.</summary>
internal sealed record AuthenticatedApiKey(Guid Id, Guid TenantId, string Name, string Role);

/// <summary>
/// A platform API key that proved itself: its owner and the platform roles the owner holds right now (none
/// when the owner lost them: the key then authenticates but is allowed nothing).
/// </summary>
internal sealed record AuthenticatedPlatformApiKey(Guid Id, Guid UserId, string Name, string? Email, IReadOnlyList<string> PlatformRoles);

/// <summary>
/// Finds a presented API key (a tenant's, or a platform user's) by its public prefix (before any tenant is known), checks its secret against
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

        // Before its tenant is known: the named path that finds one key by its prefix (ADR 0021).
        var key = await db.ApiKeys.FromSql($"SELECT * FROM identity.find_api_key({prefix})").AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .Select(k => new { k.Id, k.TenantId, k.Name, k.Role, k.SecretHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null || !LinkTokens.Matches(key.SecretHash, presented))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var staleBefore = now - settings.Value.ApiKeyLastUsedResolution;
        await db.Database.SqlQuery<int>($"SELECT identity.touch_api_key({key.Id}, {now}, {staleBefore}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        return new AuthenticatedApiKey(key.Id, key.TenantId, key.Name, key.Role);
    }

    /// <summary>A platform key, with its owner's platform roles read now (ADR 0011), or null.</summary>
    public async Task<AuthenticatedPlatformApiKey?> AuthenticatePlatformAsync(string presented, CancellationToken cancellationToken)
    {
        if (Secrets.PlatformApiKeyPrefixOf(presented) is not { } prefix)
        {
            return null;
        }

        var key = await db.PlatformApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { k.Id, k.UserId, k.Name, k.SecretHash, u.Email })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null || !LinkTokens.Matches(key.SecretHash, presented))
        {
            return null;
        }

        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ur.UserId == key.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .OfType<string>()
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var staleBefore = now - settings.Value.ApiKeyLastUsedResolution;
        await db.PlatformApiKeys
            .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return new AuthenticatedPlatformApiKey(
            key.Id, key.UserId, key.Name, key.Email, [.. roles.Where(r => GccSaaSRoles.PlatformRoles.Contains(r))]);
    }
}
