using System.Collections.Concurrent;
using GccSaaS.Modules.Identity.Data;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Authentication;

/// <summary>
/// An API key that proved itself: its tenant, the role it carries, a reseller admin's key's organisation and creator
/// (whose rights it needs), and whether it has <see cref="Expired"/> (then it authenticates nothing: 401 <c>api_key_expired</c>).
/// </summary>
internal sealed record AuthenticatedApiKey(
    Guid Id, Guid TenantId, string Name, string Role, Guid? ResellerOrganisationId, Guid CreatedByUserId, DateTimeOffset ExpiresAt, bool Expired);

/// <summary>
/// A platform API key that proved itself: its owner and the platform roles the owner holds right now (none
/// when the owner lost them: the key then authenticates but is allowed nothing).
/// </summary>
internal sealed record AuthenticatedPlatformApiKey(
    Guid Id, Guid UserId, string Name, string? Email, IReadOnlyList<string> PlatformRoles, DateTimeOffset ExpiresAt, bool Expired);

/// <summary>
/// Finds a presented API key (a tenant's, or a platform user's) by its public prefix (before any tenant is known), checks its secret against
/// the stored hash in constant time, refuses revoked keys at once, tells an expired key apart (its secret proved, so
/// saying "expired" leaks nothing), and records when a valid key was last used.
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

        // Before its tenant is known: the named path that finds one key by its prefix (ADR 0021).
        var key = await db.ApiKeys.FromSql($"SELECT * FROM identity.find_api_key({prefix})").AsNoTracking()
            .Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .Select(k => new { k.Id, k.TenantId, k.Name, k.Role, k.SecretHash, k.ResellerOrganisationId, k.CreatedByUserId, k.ExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null || !LinkTokens.Matches(key.SecretHash, presented))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (key.ExpiresAt <= now)
        {
            return new AuthenticatedApiKey(key.Id, key.TenantId, key.Name, key.Role, key.ResellerOrganisationId, key.CreatedByUserId, key.ExpiresAt, Expired: true);
        }

        var staleBefore = now - settings.Value.ApiKeyLastUsedResolution;
        if (recent.ShouldWrite(key.Id, now, staleBefore))
        {
            await db.Database.SqlQuery<int>($"SELECT identity.touch_api_key({key.Id}, {now}, {staleBefore}) AS \"Value\"")
                .SingleAsync(cancellationToken);
        }

        return new AuthenticatedApiKey(key.Id, key.TenantId, key.Name, key.Role, key.ResellerOrganisationId, key.CreatedByUserId, key.ExpiresAt, Expired: false);
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
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { k.Id, k.UserId, k.Name, k.SecretHash, k.ExpiresAt, u.Email })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null || !LinkTokens.Matches(key.SecretHash, presented))
        {
            return null;
        }

        if (key.ExpiresAt <= clock.GetUtcNow())
        {
            return new AuthenticatedPlatformApiKey(key.Id, key.UserId, key.Name, key.Email, [], key.ExpiresAt, Expired: true);
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
            key.Id, key.UserId, key.Name, key.Email, [.. roles.Where(r => GccSaaSRoles.PlatformRoles.Contains(r))], key.ExpiresAt, Expired: false);
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
