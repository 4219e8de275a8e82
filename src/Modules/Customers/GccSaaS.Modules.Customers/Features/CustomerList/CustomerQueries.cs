using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>
/// The keyset of the customers list: name (lower-case), then customer id; sorted by when the customer was added
/// (the portal's <c>?sort=created</c>), that time, then customer id.
/// </summary>
internal sealed record CustomerCursor(string SortName, Guid Id, DateTimeOffset? CreatedAt = null);

/// <summary>The orders the customers list offers, each served by an index that leads with tenant_id.</summary>
internal static class CustomerSorts
{
    public const string Name = "name";
    public const string Created = "created";

    public static readonly IReadOnlyList<string> All = [Name, Created];
}

/// <summary>
/// The tenant's customers the caller may see (R-CUS-3), by name: each word of <paramref name="Search"/> matches the
/// start of a word of the name or of the domain; filters by reseller and by qualification (<c>GovernmentCommunityCloud</c> holds the
/// approved GCC qualification, <c>None</c> does not); <paramref name="Take"/> rows after <paramref name="After"/>.
/// <paramref name="NamePrefix"/> and <paramref name="DomainPrefix"/> (lower-case) are Partner Center's <c>CompanyName</c>
/// and <c>Domain</c> starts_with filters, each on its own column.
/// </summary>
internal sealed record ListCustomersQuery(
    Guid TenantId, string? Search, Guid? ResellerOrganisationId, string? Qualification, CustomerCursor? After, int Take,
    string? NamePrefix = null, string? DomainPrefix = null, string Sort = CustomerSorts.Name, bool Descending = false)
    : IRequest<IReadOnlyList<CustomerRow>>;

internal sealed record CustomerRow(Guid CustomerTenantId, string CompanyName, string SortName, string Domain, Guid? ResellerOrganisationId, string? GccStatus, DateTimeOffset CreatedAt);

internal sealed class ListCustomersHandler(CustomersDbContext db, CustomerScope scope, ITenantContextAccessor tenants)
    : IRequestHandler<ListCustomersQuery, IReadOnlyList<CustomerRow>>
{
    public async Task<IReadOnlyList<CustomerRow>> Handle(ListCustomersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = tenants.RequireTenant();
        return await Query(request).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The query <see cref="Handle"/> runs, built apart so that the plan tests EXPLAIN exactly this SQL
    /// (<c>CustomersListPlanTests</c>): a slower query here fails them.
    /// </summary>
    internal IQueryable<CustomerRow> Query(ListCustomersQuery request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = scope.Visible(request.TenantId).AsNoTracking();
        // Every word typed is the start of a word of the name, or of the domain (issue 16: "bellevue" finds "City of
        // Bellevue Utilities"): one key range each on customer_name_words' primary key. Ranges, not LIKE: under
        // row-level security PostgreSQL may use only leakproof operators as index conditions, and LIKE is not one
        // (comparisons are); the words are in collation "C", so [w, w + U+10FFFF) is exactly the words that start with w.
        foreach (var word in WordIndex.Of(request.Search, dottedTextIsOneWord: true))
        {
            var upper = word + char.ConvertFromUtf32(0x10FFFF);
            query = query.Where(c => db.NameWords.Any(w => w.TenantId == c.TenantId && w.CustomerTenantId == c.CustomerTenantId
                && string.Compare(w.Word, word) >= 0 && string.Compare(w.Word, upper) < 0));
        }

        // The same leakproof key ranges as the search, one column each: the name's index, or the domain's.
        if (request.NamePrefix is { Length: > 0 } name)
        {
            var nameUpper = name + char.ConvertFromUtf32(0x10FFFF);
            query = query.Where(c => string.Compare(c.SortName, name) >= 0 && string.Compare(c.SortName, nameUpper) < 0);
        }

        if (request.DomainPrefix is { Length: > 0 } domain)
        {
            var domainUpper = domain + char.ConvertFromUtf32(0x10FFFF);
            query = query.Where(c => string.Compare(c.Domain, domain) >= 0 && string.Compare(c.Domain, domainUpper) < 0);
        }

        if (request.ResellerOrganisationId is { } reseller)
        {
            query = query.Where(c => c.ResellerOrganisationId == reseller);
        }

        if (request.Qualification == CustomerQualifications.GovernmentCommunityCloud)
        {
            query = query.Where(c => db.Qualifications.Any(q => q.CustomerTenantId == c.CustomerTenantId
                && q.Qualification == CustomerQualifications.GovernmentCommunityCloud && q.VettingStatus == VettingStatus.Approved));
        }
        else if (request.Qualification == "None")
        {
            query = query.Where(c => !db.Qualifications.Any(q => q.CustomerTenantId == c.CustomerTenantId
                && q.Qualification == CustomerQualifications.GovernmentCommunityCloud && q.VettingStatus == VettingStatus.Approved));
        }

        // Keyset: rows strictly after the cursor in the list's order (name or creation time, then id), ascending or
        // descending; each order is one index range (tenant_id first), read forwards or backwards.
        var after = request.After;
        IOrderedQueryable<Customer> ordered;
        if (request.Sort == CustomerSorts.Created)
        {
            if (after is { CreatedAt: { } at })
            {
                // The bound on the sort column alone is the index range; the tie on the id only filters at its edge.
                query = request.Descending
                    ? query.Where(c => c.CreatedAt <= at && (c.CreatedAt < at || c.CustomerTenantId.CompareTo(after.Id) < 0))
                    : query.Where(c => c.CreatedAt >= at && (c.CreatedAt > at || c.CustomerTenantId.CompareTo(after.Id) > 0));
            }

            ordered = request.Descending
                ? query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.CustomerTenantId)
                : query.OrderBy(c => c.CreatedAt).ThenBy(c => c.CustomerTenantId);
        }
        else
        {
            if (after is not null)
            {
                query = request.Descending
                    ? query.Where(c => string.Compare(c.SortName, after.SortName) <= 0
                        && (string.Compare(c.SortName, after.SortName) < 0 || c.CustomerTenantId.CompareTo(after.Id) < 0))
                    : query.Where(c => string.Compare(c.SortName, after.SortName) >= 0
                        && (string.Compare(c.SortName, after.SortName) > 0 || c.CustomerTenantId.CompareTo(after.Id) > 0));
            }

            ordered = request.Descending
                ? query.OrderByDescending(c => c.SortName).ThenByDescending(c => c.CustomerTenantId)
                : query.OrderBy(c => c.SortName).ThenBy(c => c.CustomerTenantId);
        }

        return ordered
            .Take(request.Take)
            .Select(c => new CustomerRow(
                c.CustomerTenantId,
                c.CompanyName,
                c.SortName,
                c.Domain,
                c.ResellerOrganisationId,
                db.Qualifications.Where(q => q.CustomerTenantId == c.CustomerTenantId && q.Qualification == CustomerQualifications.GovernmentCommunityCloud)
                    .Select(q => q.VettingStatus).FirstOrDefault(),
                c.CreatedAt));
    }
}

/// <summary>One customer of the tenant that the caller may see (R-CUS-3), with everything its account page shows.</summary>
internal sealed record GetCustomerQuery(Guid TenantId, Guid CustomerTenantId) : IRequest<CustomerDetails?>;

internal sealed record CustomerDetails(
    Customer Customer,
    CustomerTenant Profile,
    string? AdminUserName,
    IReadOnlyList<CustomerQualification> Qualifications,
    IReadOnlyList<DelegatedAdminGrant> Grants,
    IReadOnlyList<CustomerAgreement> Agreements,
    IReadOnlyList<DirectSubscription> DirectSubscriptions);

internal sealed class GetCustomerHandler(CustomersDbContext db, CustomerScope scope, ITenantContextAccessor tenants)
    : IRequestHandler<GetCustomerQuery, CustomerDetails?>
{
    public async Task<CustomerDetails?> Handle(GetCustomerQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = tenants.RequireTenant();
        var customer = await scope.Visible(request.TenantId).AsNoTracking()
            .FirstOrDefaultAsync(c => c.CustomerTenantId == request.CustomerTenantId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var id = customer.CustomerTenantId;
        var profile = await db.CustomerTenants.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken);
        var admin = await db.CustomerTenantAdmins.AsNoTracking().Where(a => a.CustomerTenantId == id).Select(a => a.UserName).FirstOrDefaultAsync(cancellationToken);
        var qualifications = await db.Qualifications.AsNoTracking().Where(q => q.CustomerTenantId == id).OrderBy(q => q.Qualification).ToListAsync(cancellationToken);
        var grants = await db.DelegatedAdminGrants.AsNoTracking().Where(g => g.TenantId == request.TenantId && g.CustomerTenantId == id)
            .OrderBy(g => g.GranteeKind).ToListAsync(cancellationToken);
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.TenantId == request.TenantId && a.CustomerTenantId == id)
            .OrderBy(a => a.RecordedAt).ToListAsync(cancellationToken);
        var subscriptions = await db.DirectSubscriptions.AsNoTracking().Where(s => s.CustomerTenantId == id)
            .OrderBy(s => s.PurchasedAt).Take(200).ToListAsync(cancellationToken);
        return new CustomerDetails(customer, profile, admin, qualifications, grants, agreements, subscriptions);
    }
}

/// <summary>R-PC-5: whether a primary domain is taken (by any customer tenant of the platform).</summary>
internal sealed record IsDomainTakenQuery(string Domain) : IRequest<bool>;

internal sealed class IsDomainTakenHandler(CustomersDbContext db) : IRequestHandler<IsDomainTakenQuery, bool>
{
    public async Task<bool> Handle(IsDomainTakenQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var domain = CustomerDomainName.FromInput(request.Domain);
        return domain is not null && await db.CustomerTenants.AnyAsync(t => t.Domain == domain, cancellationToken);
    }
}
