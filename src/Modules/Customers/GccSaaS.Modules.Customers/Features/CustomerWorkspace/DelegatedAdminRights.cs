using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Resources;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <summary>
/// One partner holding delegated admin rights on the customer, as its administrator sees it: the provider or one of
/// its resellers, since when, with which permissions (R-CUS-6) and until when; a reseller whose partnership with the
/// provider was removed keeps its rights (R-REL-3) and is marked "partnership ended" so the customer can decide.
/// </summary>
internal sealed record PartnerAccessLine(
    Guid ProviderTenantId,
    string ProviderName,
    string GranteeKind,
    Guid? ResellerOrganisationId,
    string PartnerName,
    DateTimeOffset Since,
    IReadOnlyList<string> Permissions,
    DateTimeOffset? EndsAt,
    bool PartnershipEnded)
{
    public bool IsReseller => GranteeKind == GranteeKinds.Reseller;
}

/// <summary>
/// "Partners with access" (ADR 0020): the grants live with each provider (its tenant, RLS), so they are read in each
/// provider's tenant scope, for the providers the platform knows to hold the customer (a handful, bounded).
/// </summary>
internal sealed class CustomerPartnerAccess(CustomersDbContext db, IMediator mediator, ITenantContextAccessor tenants, ITenantStore tenantStore, TimeProvider clock)
{
    public async Task<IReadOnlyList<PartnerAccessLine>> ListAsync(Guid customerTenantId, CancellationToken cancellationToken)
    {
        var providers = await db.CustomerTenantProviders.AsNoTracking()
            .Where(p => p.CustomerTenantId == customerTenantId)
            .OrderBy(p => p.Since).ThenBy(p => p.ProviderTenantId)
            .Select(p => p.ProviderTenantId)
            .Take(CustomerLicenseBook.MaxProviders)
            .ToListAsync(cancellationToken);
        var lines = new List<PartnerAccessLine>();
        var now = clock.GetUtcNow();
        var providerTenants = await tenantStore.FindByIdsAsync(providers, cancellationToken); // one query for every provider
        foreach (var providerId in providers)
        {
            if (providerTenants.GetValueOrDefault(providerId) is not { IsActive: true } provider)
            {
                continue;
            }

            using (tenants.BeginScope(provider))
            {
                var grants = await DelegatedAdmin.Active(db, provider.Id, now).AsNoTracking()
                    .Where(g => g.CustomerTenantId == customerTenantId)
                    .OrderBy(g => g.GrantedAt)
                    .ToListAsync(cancellationToken);
                var resellers = grants.Where(g => g.GranteeOrganisationId != null).Select(g => g.GranteeOrganisationId ?? Guid.Empty).ToList();
                var partnerships = resellers.Count == 0
                    ? []
                    : await mediator.Send(new GetPartnershipsByResellerQuery(provider.Id, resellers), cancellationToken);
                foreach (var grant in grants)
                {
                    var partnership = partnerships.FirstOrDefault(p => p.ResellerOrganisationId == grant.GranteeOrganisationId);
                    lines.Add(new PartnerAccessLine(
                        provider.Id,
                        provider.Name,
                        grant.GranteeKind,
                        grant.GranteeOrganisationId,
                        grant.GranteeKind == GranteeKinds.Provider ? provider.Name : partnership?.ResellerName ?? string.Empty,
                        grant.GrantedAt,
                        grant.GranteeKind == GranteeKinds.Provider ? DelegatedPermissions.Defaults : grant.Permissions ?? DelegatedPermissions.Defaults,
                        grant.EndsAt,
                        grant.GranteeKind == GranteeKinds.Reseller && partnership?.Status != PartnershipStatus.Active));
                }
            }
        }

        return lines;
    }

    /// <summary>The provider, for a change the customer's administrator asks of one of its grants: only a provider holding the customer.</summary>
    public async Task<TenantInfo?> ProviderAsync(Guid customerTenantId, Guid providerTenantId, CancellationToken cancellationToken) =>
        await db.CustomerTenantProviders.AsNoTracking().AnyAsync(p => p.CustomerTenantId == customerTenantId && p.ProviderTenantId == providerTenantId, cancellationToken)
            ? await tenantStore.FindByIdAsync(providerTenantId, cancellationToken)
            : null;
}

/// <summary>
/// The customer's administrator removes a partner's delegated admin rights. Sent in the provider's tenant scope (the
/// grant is the provider's row): the provider's audit log records it, the provider's Global admins are told, and the
/// customer's own activity list gets its line in the same transaction. The partner's access to the customer's pages
/// and API ends with the commit: every route reaches a customer only through a grant in force.
/// </summary>
internal sealed record RemoveDelegatedAdminRightsCommand(
    Guid TenantId,
    Guid CustomerTenantId,
    string GranteeKind,
    Guid? ResellerOrganisationId,
    string PartnerName,
    string RemovedBy) : IRequest<Unit>;

/// <summary>R-CUS-6: the customer's administrator narrows a reseller's permissions, or widens them back up to the default, and may set an end date.</summary>
internal sealed record SetResellerPermissionsCommand(
    Guid TenantId,
    Guid CustomerTenantId,
    Guid ResellerOrganisationId,
    IReadOnlyList<string> Permissions,
    DateTimeOffset? EndsAt,
    string PartnerName,
    string ChangedBy) : IRequest<Unit>;

internal static class DelegatedAdminCodes
{
    public const string GrantNotFound = "delegated_admin_not_found";
    public const string PermissionUnknown = "delegated_permission_unknown";
    public const string EndInPast = "delegated_admin_end_in_past";
}

/// <summary>Writes a line of the customer's activity list inside the open transaction, whichever tenant's command it is.</summary>
internal sealed class CustomerActivityLog(CustomersDbContext db, DatabaseSession session, ITenantContextAccessor tenants, TimeProvider clock)
{
    public async Task WriteAsync(Guid customerTenantId, string action, string detail, string actor, CancellationToken cancellationToken)
    {
        var current = tenants.Current?.Id;
        var id = Guid.CreateVersion7();
        var at = clock.GetUtcNow();
        var text = detail.Length > 400 ? detail[..400] : detail;
        if (current == customerTenantId)
        {
            db.CustomerActivities.Add(new CustomerActivity { TenantId = customerTenantId, Id = id, At = at, Action = action, Detail = text, Actor = actor });
            return;
        }

        // Another tenant's command (the provider's grant changes): the row is the customer's, so its statement runs
        // under the customer's row-level security setting, then the provider's is restored.
        await session.SetTransactionTenantAsync(customerTenantId, cancellationToken);
        try
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO customers.customer_activity (tenant_id, id, at, action, detail, actor) VALUES ({customerTenantId}, {id}, {at}, {action}, {text}, {actor})",
                cancellationToken);
        }
        finally
        {
            await session.SetTransactionTenantAsync(current, CancellationToken.None);
        }
    }
}

internal sealed class RemoveDelegatedAdminRightsHandler(
    CustomersDbContext db,
    ITenantContextAccessor tenants,
    CustomerActivityLog activity,
    IStringLocalizer<CustomersResource> l,
    TimeProvider clock)
    : IRequestHandler<RemoveDelegatedAdminRightsCommand, Unit>
{
    public async Task<Unit> Handle(RemoveDelegatedAdminRightsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        if (tenant.Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        var grant = await db.DelegatedAdminGrants.FirstOrDefaultAsync(
            g => g.TenantId == request.TenantId && g.CustomerTenantId == request.CustomerTenantId
                && g.GranteeKind == request.GranteeKind && g.GranteeOrganisationId == request.ResellerOrganisationId,
            cancellationToken)
            ?? throw new DomainRuleException(DelegatedAdminCodes.GrantNotFound, "The partner holds no delegated admin rights on the customer.", DomainErrorKind.NotFound);
        db.DelegatedAdminGrants.Remove(grant);
        var company = await db.CustomerTenants.AsNoTracking().Where(t => t.Id == request.CustomerTenantId).Select(t => t.CompanyName).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        NotificationTranslation Removed(string culture) => new(
            culture, l["Notify_RightsRemoved_Subject", company].Value, l["Notify_RightsRemoved_Body", company, request.PartnerName].Value);
        var text = Removed(CultureScope.CurrentLanguage);
        db.EnqueueNotification(
            new UserNotificationRequested(
                tenant.Id,
                "DelegatedAdminRemoved",
                text.Subject,
                text.Body,
                RecipientRole: GccSaaSRoles.GlobalAdmin,
                Culture: text.Culture,
                Translations: CultureScope.InEveryLanguage(Removed)), // the provider's admins read it in their language, not the customer's (issue 16 item 7)
            clock);
        await activity.WriteAsync(request.CustomerTenantId, "RightsRemoved", request.PartnerName, request.RemovedBy, cancellationToken);
        return Unit.Value;
    }
}

internal sealed class SetResellerPermissionsHandler(CustomersDbContext db, ITenantContextAccessor tenants, CustomerActivityLog activity, TimeProvider clock)
    : IRequestHandler<SetResellerPermissionsCommand, Unit>
{
    public async Task<Unit> Handle(SetResellerPermissionsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        var permissions = request.Permissions.Distinct(StringComparer.Ordinal).ToList();
        if (permissions.Any(p => !DelegatedPermissions.Defaults.Contains(p)))
        {
            // R-CUS-6: widened back up to the default, never beyond it.
            throw new RequestValidationException([new ValidationFailure("Permissions", DelegatedAdminCodes.PermissionUnknown, "A permission beyond the reseller's default cannot be given.")]);
        }

        if (request.EndsAt is { } ends && ends <= clock.GetUtcNow())
        {
            throw new RequestValidationException([new ValidationFailure("EndsOn", DelegatedAdminCodes.EndInPast, "The end date must be in the future.")]);
        }

        var grant = await DelegatedAdmin.Active(db, request.TenantId, clock.GetUtcNow()).FirstOrDefaultAsync(
            g => g.CustomerTenantId == request.CustomerTenantId && g.GranteeKind == GranteeKinds.Reseller && g.GranteeOrganisationId == request.ResellerOrganisationId,
            cancellationToken)
            ?? throw new DomainRuleException(DelegatedAdminCodes.GrantNotFound, "The partner holds no delegated admin rights on the customer.", DomainErrorKind.NotFound);
        var ordered = DelegatedPermissions.Defaults.Where(permissions.Contains).ToList();
        grant.Permissions = ordered.Count == DelegatedPermissions.Defaults.Count ? null : ordered;
        grant.EndsAt = request.EndsAt;
        await activity.WriteAsync(request.CustomerTenantId, "PermissionsChanged", request.PartnerName, request.ChangedBy, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Beyond the seeds, as Partner Center's granular delegated admin: a grant past its end date is removed, per tenant,
/// in one set-based DELETE per batch (no loop over rows). Routes ignore an ended grant already (they read grants in
/// force), so the job only tidies up. Not a "Command": the system's sweep is not a user's act.
/// </summary>
internal sealed record EndExpiredGrantsBatch(int BatchSize) : IRequest<int>;

internal sealed class EndExpiredGrantsBatchHandler(CustomersDbContext db, ITenantContextAccessor tenants, TimeProvider clock)
    : IRequestHandler<EndExpiredGrantsBatch, int>
{
    public async Task<int> Handle(EndExpiredGrantsBatch request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var now = clock.GetUtcNow();
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH due AS MATERIALIZED (
                SELECT customer_tenant_id, grantee_kind
                  FROM customers.delegated_admin_grants
                 WHERE tenant_id = {tenant.Id} AND ends_at IS NOT NULL AND ends_at <= {now}
                 ORDER BY ends_at
                 LIMIT {request.BatchSize}
                   FOR UPDATE SKIP LOCKED)
            DELETE FROM customers.delegated_admin_grants g
             USING due
             WHERE g.tenant_id = {tenant.Id} AND g.customer_tenant_id = due.customer_tenant_id AND g.grantee_kind = due.grantee_kind
            """, cancellationToken);
    }
}

internal sealed class GrantExpirySweepJob(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger<GrantExpirySweepJob> logger)
    : TenantSweepJob(scopes, tenants, logger)
{
    public const string JobName = "delegated-admin-grant-expiry-sweep";

    public const int BatchSize = 500;

    protected override async Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var mediator = scopedServices.GetRequiredService<IMediator>();
        while (await mediator.Send(new EndExpiredGrantsBatch(BatchSize), cancellationToken) == BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
