using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.ApiKeys;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Features.PlatformApiKeys;

/// <summary>The platform key as created: <see cref="Key"/> is shown once and never stored (only its hash is).</summary>
internal sealed record CreatedPlatformApiKey(Guid Id, string Name, string Key, DateTimeOffset ExpiresAt);

/// <summary>
/// A signed-in platform user (Platform admin, Validation reviewer) creates an API key of their own for
/// <c>/v1/platform/</c> (ADR 0011). The key stores no role: each use carries the owner's platform roles. It expires
/// after <see cref="ValidForDays"/> days (issue 18: one year unless chosen shorter).
/// </summary>
internal sealed record CreatePlatformApiKeyCommand(string Name, int ValidForDays = ApiKeyLifetimes.DefaultDays) : IRequest<CreatedPlatformApiKey>;

internal sealed class CreatePlatformApiKeyValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<CreatePlatformApiKeyCommand>
{
    public IEnumerable<ValidationFailure> Validate(CreatePlatformApiKeyCommand request)
    {
        foreach (var failure in InputRules.Text("name", request.Name, 100, l))
        {
            yield return failure;
        }

        if (!ApiKeyLifetimes.IsValid(request.ValidForDays))
        {
            yield return new ValidationFailure("validForDays", "out_of_range", l["ErrorInvalidKeyLifetime", ApiKeyLifetimes.MaxDays]);
        }
    }
}

internal sealed class CreatePlatformApiKeyHandler(CallerPermissions permissions, GccSaaSIdentityDbContext db, TimeProvider clock)
    : IRequestHandler<CreatePlatformApiKeyCommand, CreatedPlatformApiKey>
{
    public async Task<CreatedPlatformApiKey> Handle(CreatePlatformApiKeyCommand request, CancellationToken cancellationToken)
    {
        // A person at the portal, never a key minting keys.
        var caller = permissions.RequireSignedIn();
        permissions.RequirePlatform(GccSaaSPolicies.PlatformUser);
        var apiKey = NewKey(caller.UserId, request.Name.Trim(), clock.GetUtcNow(), TimeSpan.FromDays(request.ValidForDays), out var key);
        db.PlatformApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedPlatformApiKey(apiKey.Id, apiKey.Name, key, apiKey.ExpiresAt);
    }

    internal static PlatformApiKey NewKey(Guid userId, string name, DateTimeOffset now, TimeSpan lifetime, out string key)
    {
        (key, var prefix) = Secrets.NewPlatformApiKey();
        return new PlatformApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Prefix = prefix,
            SecretHash = LinkTokens.Hash(key),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }
}

/// <summary>
/// A platform user rotates one of their own platform keys (issue 18): a new key with the same name and lifetime is
/// shown once; the old one keeps working for the rotation overlap (24 h by default), then it is refused.
/// </summary>
internal sealed record RotatePlatformApiKeyCommand(Guid ApiKeyId) : IRequest<CreatedPlatformApiKey>;

internal sealed class RotatePlatformApiKeyHandler(
    CallerPermissions permissions,
    GccSaaSIdentityDbContext db,
    TimeProvider clock,
    IOptions<IdentitySettings> settings,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<RotatePlatformApiKeyCommand, CreatedPlatformApiKey>
{
    public async Task<CreatedPlatformApiKey> Handle(RotatePlatformApiKeyCommand request, CancellationToken cancellationToken)
    {
        var caller = permissions.RequireSignedIn();
        permissions.RequirePlatform(GccSaaSPolicies.PlatformUser);
        var now = clock.GetUtcNow();
        var old = await db.PlatformApiKeys
            .FirstOrDefaultAsync(k => k.UserId == caller.UserId && k.Id == request.ApiKeyId && k.RevokedAt == null && k.ReplacedByKeyId == null && k.ExpiresAt > now, cancellationToken)
            ?? throw new DomainRuleException(IdentityErrorCodes.ApiKeyNotFound, l["ApiKeyNotFound"], DomainErrorKind.NotFound);
        var replacement = CreatePlatformApiKeyHandler.NewKey(caller.UserId, old.Name, now, ApiKeyLifetimes.LifetimeOf(old.CreatedAt, old.ExpiresAt), out var key);
        db.PlatformApiKeys.Add(replacement);
        old.ReplacedByKeyId = replacement.Id;
        var overlapEnds = now + settings.Value.ApiKeyRotationOverlap;
        if (old.ExpiresAt > overlapEnds)
        {
            old.ExpiresAt = overlapEnds;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CreatedPlatformApiKey(replacement.Id, replacement.Name, key, replacement.ExpiresAt);
    }
}

/// <summary>A platform user revokes one of their own platform keys; the next call with it gets 401.</summary>
internal sealed record RevokePlatformApiKeyCommand(Guid ApiKeyId) : IRequest;

internal sealed class RevokePlatformApiKeyHandler(
    CallerPermissions permissions,
    GccSaaSIdentityDbContext db,
    TimeProvider clock,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<RevokePlatformApiKeyCommand>
{
    public async Task<Unit> Handle(RevokePlatformApiKeyCommand request, CancellationToken cancellationToken)
    {
        var caller = permissions.RequireSignedIn();
        var now = clock.GetUtcNow();

        // Only the owner's own keys: another user's key is "not found".
        var revoked = await db.PlatformApiKeys
            .Where(k => k.UserId == caller.UserId && k.Id == request.ApiKeyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        return revoked == 1
            ? Unit.Value
            : throw new DomainRuleException(IdentityErrorCodes.ApiKeyNotFound, l["ApiKeyNotFound"], DomainErrorKind.NotFound);
    }
}
