using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Features.ApiKeys;

/// <summary>The key as created: <see cref="Key"/> is shown once and never stored (only its hash is).</summary>
internal sealed record CreatedApiKey(Guid Id, string Name, string Role, string Key, DateTimeOffset ExpiresAt);

/// <summary>
/// A Global admin creates a tenant-scoped API key carrying a provider role; a reseller admin creates one carrying a
/// reseller role, scoped to its own reseller organisation (issue 18). The key expires after
/// <see cref="ValidForDays"/> days (one year unless chosen shorter).
/// </summary>
internal sealed record CreateApiKeyCommand(Guid TenantId, string Name, string Role, int ValidForDays = ApiKeyLifetimes.DefaultDays)
    : IRequest<CreatedApiKey>;

internal sealed class CreateApiKeyValidator(IStringLocalizer<IdentityResource> l, ICurrentUserAccessor users) : IRequestValidator<CreateApiKeyCommand>
{
    public IEnumerable<ValidationFailure> Validate(CreateApiKeyCommand request)
    {
        foreach (var failure in InputRules.Text("name", request.Name, 100, l))
        {
            yield return failure;
        }

        // A provider's key acts for the provider; a reseller admin's key acts for its reseller organisation only.
        var roles = users.Current is { IsReseller: true } ? GccSaaSRoles.ResellerRoles : GccSaaSRoles.ProviderRoles;
        if (!roles.Contains(request.Role))
        {
            yield return new ValidationFailure("role", "invalid_role", l["ErrorInvalidRole"]);
        }

        if (!ApiKeyLifetimes.IsValid(request.ValidForDays))
        {
            yield return new ValidationFailure("validForDays", "out_of_range", l["ErrorInvalidKeyLifetime", ApiKeyLifetimes.MaxDays]);
        }
    }
}

internal sealed class CreateApiKeyHandler(CallerPermissions permissions, GccSaaSIdentityDbContext db, TimeProvider clock)
    : IRequestHandler<CreateApiKeyCommand, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(CreateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var (caller, tenant) = permissions.RequireInTenant(IdentityPolicies.CanManageApiKeys, request.TenantId);
        var organisation = ApiKeyScope.OrganisationOf(caller);
        var now = clock.GetUtcNow();
        var apiKey = ApiKeyScope.NewKey(tenant.Id, request.Name.Trim(), request.Role, organisation, caller.UserId, now,
            TimeSpan.FromDays(request.ValidForDays), out var key);
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(apiKey.Id, apiKey.Name, apiKey.Role, key, apiKey.ExpiresAt);
    }
}

/// <summary>
/// Rotates an API key (issue 18): a new key with the same name, role, organisation and lifetime is made and shown once;
/// the old key keeps working for <see cref="IdentitySettings.ApiKeyRotationOverlap"/> (24 h by default) so callers can
/// switch over, then it is refused.
/// </summary>
internal sealed record RotateApiKeyCommand(Guid TenantId, Guid ApiKeyId) : IRequest<CreatedApiKey>;

internal sealed class RotateApiKeyHandler(
    CallerPermissions permissions,
    GccSaaSIdentityDbContext db,
    TimeProvider clock,
    IOptions<IdentitySettings> settings,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<RotateApiKeyCommand, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(RotateApiKeyCommand request, CancellationToken cancellationToken)
    {
        var (caller, tenant) = permissions.RequireInTenant(IdentityPolicies.CanManageApiKeys, request.TenantId);
        var now = clock.GetUtcNow();
        var old = await ApiKeyScope.Visible(db.ApiKeys, tenant.Id, caller)
            .FirstOrDefaultAsync(k => k.Id == request.ApiKeyId && k.RevokedAt == null && k.ReplacedByKeyId == null && k.ExpiresAt > now, cancellationToken)
            ?? throw new DomainRuleException(IdentityErrorCodes.ApiKeyNotFound, l["ApiKeyNotFound"], DomainErrorKind.NotFound);

        // The replacement is the same credential's next secret: it keeps the creator, whose rights a reseller key needs.
        var replacement = ApiKeyScope.NewKey(tenant.Id, old.Name, old.Role, old.ResellerOrganisationId, old.CreatedByUserId, now,
            ApiKeyLifetimes.LifetimeOf(old.CreatedAt, old.ExpiresAt), out var key);
        db.ApiKeys.Add(replacement);
        old.ReplacedByKeyId = replacement.Id;
        var overlapEnds = now + settings.Value.ApiKeyRotationOverlap;
        if (old.ExpiresAt > overlapEnds)
        {
            old.ExpiresAt = overlapEnds;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(replacement.Id, replacement.Name, replacement.Role, key, replacement.ExpiresAt);
    }
}

/// <summary>A Global admin (any key of the tenant) or a reseller admin (its organisation's keys) revokes an API key; the next call with it gets 401.</summary>
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
        var revoked = await ApiKeyScope.Visible(db.ApiKeys, tenant.Id, caller)
            .Where(k => k.Id == request.ApiKeyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedByUserId, caller.UserId), cancellationToken);
        return revoked == 1
            ? Unit.Value
            : throw new DomainRuleException(IdentityErrorCodes.ApiKeyNotFound, l["ApiKeyNotFound"], DomainErrorKind.NotFound);
    }
}

/// <summary>Which keys a caller manages, and how a key is made.</summary>
internal static class ApiKeyScope
{
    /// <summary>A reseller admin's organisation (its keys act for it), or null for a provider user.</summary>
    public static Guid? OrganisationOf(CurrentUser caller) =>
        caller.IsReseller
            ? caller.ResellerOrganisationId ?? throw new DomainRuleException("forbidden", "Your role in this tenant does not allow this action.", DomainErrorKind.Forbidden)
            : null;

    /// <summary>The tenant's keys for a Global admin; only its own organisation's for a reseller admin (another's is "not found").</summary>
    public static IQueryable<ApiKey> Visible(IQueryable<ApiKey> keys, Guid tenantId, CurrentUser caller)
    {
        var inTenant = keys.Where(k => k.TenantId == tenantId);
        if (!caller.IsReseller)
        {
            return inTenant;
        }

        var organisation = OrganisationOf(caller);
        return inTenant.Where(k => k.ResellerOrganisationId == organisation);
    }

    public static ApiKey NewKey(Guid tenantId, string name, string role, Guid? organisation, Guid createdBy, DateTimeOffset now, TimeSpan lifetime, out string key)
    {
        (key, var prefix) = Secrets.NewApiKey();
        return new ApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Name = name,
            Role = role,
            ResellerOrganisationId = organisation,
            Prefix = prefix,
            SecretHash = LinkTokens.Hash(key),
            CreatedAt = now,
            CreatedByUserId = createdBy,
            ExpiresAt = now + lifetime,
        };
    }
}
