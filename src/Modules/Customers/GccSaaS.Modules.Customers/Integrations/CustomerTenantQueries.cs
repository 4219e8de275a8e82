using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Customers.Integrations;

/// <summary>
/// R-REL-4, R-CUS-2: the customer administrator proves who they are with the admin user name and password of
/// their customer tenant. The answer is null for an unknown user and for a wrong password alike, and an
/// unknown user still costs one hash verification, so neither the answer nor its timing says which part was wrong.
/// </summary>
internal sealed class AuthenticateCustomerAdministratorHandler(CustomersDbContext db, TimeProvider clock)
    : IRequestHandler<AuthenticateCustomerAdministratorQuery, CustomerTenantDto?>
{
    private static readonly PasswordHasher<CustomerTenantAdmin> Hasher = new();

    /// <summary>A hash of a random password nobody knows: verified when the user name is unknown.</summary>
    private static readonly string DummyHash = Hasher.HashPassword(new CustomerTenantAdmin(), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"));

    public async Task<CustomerTenantDto?> Handle(AuthenticateCustomerAdministratorQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userName = (request.UserName ?? string.Empty).Trim().ToLowerInvariant();
        var admin = userName.Length == 0
            ? null
            : await db.CustomerTenantAdmins.FromSql($"SELECT * FROM customers.find_customer_admin({userName})").AsNoTracking()
                .FirstOrDefaultAsync(a => a.UserName == userName, cancellationToken); // the hash's only reader (ADR 0021)

        // An administrator locked out by the workspace's sign-in (ADR 0020) is refused here too.
        if (!Verify(admin, request.Password ?? string.Empty) || admin is null || admin.LockedUntil > clock.GetUtcNow())
        {
            return null;
        }

        return await CustomerTenantDtos.FindAsync(db, admin.CustomerTenantId, cancellationToken);
    }

    /// <summary>Whether the password is the administrator's; an unknown administrator (null) costs one verification too.</summary>
    public static bool Verify(CustomerTenantAdmin? admin, string password) =>
        Hasher.VerifyHashedPassword(admin ?? new CustomerTenantAdmin(), admin?.PasswordHash ?? DummyHash, password) != PasswordVerificationResult.Failed
        && admin is not null;

    /// <summary>R-CUS-2: the stored form of a password (PBKDF2 through ASP.NET Core Identity's hasher).</summary>
    public static string Hash(string password) => Hasher.HashPassword(new CustomerTenantAdmin(), password);
}

/// <summary>How many of the tenant's customers each reseller is associated with: one grouped query for a page of resellers.</summary>
internal sealed class CountCustomersByResellerHandler(CustomersDbContext db)
    : IRequestHandler<CountCustomersByResellerQuery, IReadOnlyDictionary<Guid, int>>
{
    public async Task<IReadOnlyDictionary<Guid, int>> Handle(CountCustomersByResellerQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.ResellerOrganisationIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }

        var counts = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.ResellerOrganisationId != null && ids.Contains(c.ResellerOrganisationId.Value))
            .GroupBy(c => c.ResellerOrganisationId)
            .Select(g => new { Reseller = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var answer = ids.ToDictionary(id => id, _ => 0);
        foreach (var row in counts)
        {
            if (row.Reseller is { } reseller)
            {
                answer[reseller] = row.Count;
            }
        }

        return answer;
    }
}

/// <summary>
/// What Ordering must know before a purchase (R-CUS-4, R-PC-3, R-PC-6, R-VAL-8): null when the tenant has no
/// such customer, or when a reseller caller's organisation is not associated with it (R-CUS-3).
/// </summary>
internal sealed class GetCustomerPurchaseEligibilityHandler(CustomersDbContext db, TimeProvider clock)
    : IRequestHandler<GetCustomerPurchaseEligibilityQuery, CustomerPurchaseEligibility?>
{
    public async Task<CustomerPurchaseEligibility?> Handle(GetCustomerPurchaseEligibilityQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // R-CUS-6: the caller's grant must be in force (a reseller's rights removed by the customer: not found).
        var kind = request.ResellerOrganisationId is null ? GranteeKinds.Provider : GranteeKinds.Reseller;
        var grants = DelegatedAdmin.Active(db, request.TenantId, clock.GetUtcNow())
            .Where(g => g.GranteeKind == kind && g.GranteeOrganisationId == request.ResellerOrganisationId);
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.CustomerTenantId == request.CustomerId)
            .Where(c => request.ResellerOrganisationId == null || c.ResellerOrganisationId == request.ResellerOrganisationId)
            .Where(c => request.ResellerOrganisationId == null || grants.Any(g => g.CustomerTenantId == c.CustomerTenantId))
            .Select(c => new
            {
                c.CustomerTenantId,
                c.ResellerOrganisationId,
                HasAgreement = db.Agreements.Any(a => a.TenantId == c.TenantId && a.CustomerTenantId == c.CustomerTenantId
                    && a.AgreementType == CustomerAgreementTypes.MicrosoftCustomerAgreement),
                GccOnly = db.Qualifications.Any(q => q.CustomerTenantId == c.CustomerTenantId
                    && q.Qualification == CustomerQualifications.GovernmentCommunityCloud && q.VettingStatus == VettingStatus.Approved),
                Permissions = grants.Where(g => g.CustomerTenantId == c.CustomerTenantId).Select(g => g.Permissions).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return customer is null
            ? null
            : new CustomerPurchaseEligibility(customer.CustomerTenantId, customer.ResellerOrganisationId, customer.HasAgreement, customer.GccOnly)
            {
                Permissions = request.ResellerOrganisationId is null ? DelegatedPermissions.Defaults : customer.Permissions ?? DelegatedPermissions.Defaults,
            };
    }
}

internal static class CustomerTenantDtos
{
    public static Task<CustomerTenantDto?> FindAsync(CustomersDbContext db, Guid customerTenantId, CancellationToken cancellationToken) =>
        db.CustomerTenants.AsNoTracking()
            .Where(t => t.Id == customerTenantId)
            .Select(t => new CustomerTenantDto(
                t.Id,
                t.CompanyName,
                t.Domain,
                db.Qualifications.Any(q => q.CustomerTenantId == t.Id
                    && q.Qualification == CustomerQualifications.GovernmentCommunityCloud && q.VettingStatus == VettingStatus.Approved)))
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>R-CUS-3, R-CUS-6: the permissions a provider or one of its resellers holds on a customer, or null without a grant in force.</summary>
internal sealed class GetDelegatedPermissionsHandler(CustomersDbContext db, TimeProvider clock)
    : IRequestHandler<GetDelegatedPermissionsQuery, IReadOnlyList<string>?>
{
    public Task<IReadOnlyList<string>?> Handle(GetDelegatedPermissionsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DelegatedAdmin.PermissionsAsync(db, request.TenantId, request.CustomerTenantId, request.ResellerOrganisationId, clock.GetUtcNow(), cancellationToken);
    }
}
