using System.Collections.Concurrent;
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
internal sealed class ApiKeyAuthenticator(
    GccSaaSIdentityDbContext db, TimeProvider clock, IOptions<IdentitySettings> settings, ApiKeyLastUseMemory recent)
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
        if (key is null || !LinkTokens.Matches(key.SecretHash, presented))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var staleBefore = now - settings.Value.ApiKeyLastUsedResolution;
        if (recent.ShouldWrite(key.Id, now, staleBefore))
        {
            await db.ApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

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
        if (recent.ShouldWrite(key.Id, now, staleBefore))
        {
            await db.PlatformApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        return new AuthenticatedPlatformApiKey(
            key.Id, key.UserId, key.Name, key.Email, [.. roles.Where(r => GccSaaSRoles.PlatformRoles.Contains(r))]);
    }
}

/// <summary>
/// Issue 19: the last time this host wrote each key's last-used time. The guarded UPDATE already writes at most once
/// per <see cref="IdentitySettings.ApiKeyLastUsedResolution"/>, but it was still sent on every request (a round trip
/// and a row lock per call, the largest cost of <c>/v1/profiles/me</c> after the key lookup). Now a host that wrote it
/// within the resolution sends nothing; with several hosts each writes at most once per resolution, and the guard
/// in the statement keeps the stored time the same as before. Singleton: memory for one entry per key in use.
/// </summary>
internal sealed class ApiKeyLastUseMemory
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _written = new();

    /// <summary>True (and remembered) when this host has not written the key's last use since <paramref name="staleBefore"/>.</summary>
    public bool ShouldWrite(Guid keyId, DateTimeOffset now, DateTimeOffset staleBefore)
    {
        if (_written.TryGetValue(keyId, out var written) && written >= staleBefore && written <= now)
        {
            return false;
        }

        _written[keyId] = now;
        return true;
    }
}
