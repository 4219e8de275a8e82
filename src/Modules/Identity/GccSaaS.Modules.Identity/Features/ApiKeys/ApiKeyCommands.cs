using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Identity.Features.ApiKeys;

/// <summary>The key as created: <see cref="Key"/> is shown once and never stored (only its hash is).</summary>
internal sealed record CreatedApiKey(Guid Id, string Name, string Role, string Key);

/// <summary>A Global admin creates a tenant-scoped API key carrying a provider role.</summary>
internal sealed record CreateApiKeyCommand(Guid TenantId, string Name, string Role) : IRequest<CreatedApiKey>;

internal sealed class CreateApiKeyValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<CreateApiKeyCommand>
{
    public IEnumerable<ValidationFailure> Validate(CreateApiKeyCommand request)
    {
        foreach (var failure in InputRules.Text("name", request.Name, 100, l))
        {
            yield return failure;
        }

        // Keys act for the provider; reseller access goes through reseller users' own sign-ins.
        if (!GccSaaSRoles.ProviderRoles.Contains(request.Role))
        {
            yield return new ValidationFailure("role", "invalid_role", l["ErrorInvalidRole"]);
        }
    }
}

internal sealed class CreateApiKeyHandler(CallerPermissions permissions, GccSaaSIdentityDbContext db, TimeProvider clock)
    : IRequestHandler<CreateApiKeyCommand, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var (caller, tenant) = permissions.RequireInTenant(IdentityPolicies.CanManageApiKeys, request.TenantId);
        var (key, prefix) = Secrets.NewApiKey();
        var apiKey = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Id,
            Name = request.Name.Trim(),
            Role = request.Role,
            Prefix = prefix,
            SecretHash = LinkTokens.Hash(key),
            CreatedAt = clock.GetUtcNow(),
            CreatedByUserId = caller.UserId,
        };
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(apiKey.Id, apiKey.Name, apiKey.Role, key);
    }
}

/// <summary>A Global admin revokes an API key; the next call with it gets 401.</summary>
internal sealed record RevokeApiKeyCommand(Guid TenantId, Guid ApiKeyId) : IRequest;

internal sealed class RevokeApiKeyHandler(
    CallerPermissions permissions,
    GccSaaSIdentityDbContext db,
    TimeProvider clock,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<RevokeApiKeyCommand>
{
    public async Task<Unit> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var (caller, tenant) = permissions.RequireInTenant(IdentityPolicies.CanManageApiKeys, request.TenantId);
        var now = clock.GetUtcNow();
        var revoked = await db.ApiKeys
            .Where(k => k.TenantId == tenant.Id && k.Id == request.ApiKeyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedByUserId, caller.UserId), cancellationToken);
        return revoked == 1
            ? Unit.Value
            : throw new DomainRuleException("api_key_not_found", l["ApiKeyNotFound"], DomainErrorKind.NotFound);
    }
}
