using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Identity.Features.PlatformApiKeys;

/// <summary>The platform key as created: <see cref="Key"/> is shown once and never stored (only its hash is).</summary>
internal sealed record CreatedPlatformApiKey(Guid Id, string Name, string Key);

/// <summary>
/// A signed-in platform user (Platform admin, Validation reviewer) creates an API key of their own for
/// <c>/v1/platform/</c> (ADR 0011). The key stores no role: each use carries the owner's platform roles.
/// </summary>
internal sealed record CreatePlatformApiKeyCommand(string Name) : IRequest<CreatedPlatformApiKey>;

internal sealed class CreatePlatformApiKeyValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<CreatePlatformApiKeyCommand>
{
    public IEnumerable<ValidationFailure> Validate(CreatePlatformApiKeyCommand request) => InputRules.Text("name", request.Name, 100, l);
}

internal sealed class CreatePlatformApiKeyHandler(CallerPermissions permissions, GccSaaSIdentityDbContext db, TimeProvider clock)
    : IRequestHandler<CreatePlatformApiKeyCommand, CreatedPlatformApiKey>
{
    public async Task<CreatedPlatformApiKey> Handle(CreatePlatformApiKeyCommand request, CancellationToken cancellationToken)
    {
        // A person at the portal, never a key minting keys.
        var caller = permissions.RequireSignedIn();
        permissions.RequirePlatform(GccSaaSPolicies.PlatformUser);
        var (key, prefix) = Secrets.NewPlatformApiKey();
        var apiKey = new PlatformApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = caller.UserId,
            Name = request.Name.Trim(),
            Prefix = prefix,
            SecretHash = LinkTokens.Hash(key),
            CreatedAt = clock.GetUtcNow(),
        };
        db.PlatformApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedPlatformApiKey(apiKey.Id, apiKey.Name, key);
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
            : throw new DomainRuleException("api_key_not_found", l["ApiKeyNotFound"], DomainErrorKind.NotFound);
    }
}
