using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Ordering.Contracts;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <summary>R-ORD-7: one product's licenses as the customer sees them: no subscription, price, term, reseller or order.</summary>
internal sealed record LicenseLine(string ProductId, string ProductName, int Purchased, int Assigned)
{
    public int Available => Math.Max(0, Purchased - Assigned);
}

/// <summary>R-ORD-6, R-ORD-7: a subscription the customer bought directly from the vendor: its own, listed as such.</summary>
internal sealed record DirectLicenseLine(string ProductName, int Quantity, string Status, DateTimeOffset PurchasedAt);

internal sealed record AssignmentLine(string ProductId, string ProductName, string DisplayName, string Email, DateTimeOffset AssignedAt);

internal sealed record CustomerUserLine(Guid Id, string DisplayName, string Email);

/// <summary>
/// R-ORD-7: the customer's licenses: per product, purchased (summed over every active CSP subscription of every
/// provider holding the customer, asked of Ordering through its contract in that provider's tenant scope), assigned
/// and available; its direct subscriptions; its users and assignments. Every list is bounded.
/// </summary>
internal sealed class CustomerLicenseBook(CustomersDbContext db, IMediator mediator, ITenantContextAccessor tenants, ITenantStore tenantStore)
{
    public const int MaxProviders = 20;
    public const int MaxRows = 200;

    /// <summary>Purchased licenses per product over every provider of the customer tenant.</summary>
    public async Task<IReadOnlyDictionary<string, ProductLicenses>> PurchasedAsync(Guid customerTenantId, CancellationToken cancellationToken)
    {
        var providers = await db.CustomerTenantProviders.AsNoTracking()
            .Where(p => p.CustomerTenantId == customerTenantId)
            .OrderBy(p => p.ProviderTenantId)
            .Select(p => p.ProviderTenantId)
            .Take(MaxProviders)
            .ToListAsync(cancellationToken);
        var totals = new Dictionary<string, ProductLicenses>(StringComparer.Ordinal);
        var providerTenants = await tenantStore.FindByIdsAsync(providers, cancellationToken); // one query for every provider
        foreach (var providerId in providers)
        {
            if (providerTenants.GetValueOrDefault(providerId) is not { IsActive: true } provider)
            {
                continue;
            }

            IReadOnlyList<ProductLicenses> lines;
            using (tenants.BeginScope(provider))
            {
                lines = await mediator.Send(new GetCustomerLicensesQuery(customerTenantId), cancellationToken);
            }

            foreach (var line in lines)
            {
                totals[line.ProductId] = totals.TryGetValue(line.ProductId, out var known)
                    ? known with { Purchased = known.Purchased + line.Purchased }
                    : line;
            }
        }

        return totals;
    }

    public async Task<IReadOnlyList<LicenseLine>> ProductsAsync(Guid customerTenantId, CancellationToken cancellationToken)
    {
        var purchased = await PurchasedAsync(customerTenantId, cancellationToken);
        var assigned = await db.LicenseAssignments.AsNoTracking()
            .Where(a => a.TenantId == customerTenantId)
            .GroupBy(a => a.ProductId)
            .Select(g => new { ProductId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.ProductId, r => r.Count, StringComparer.Ordinal, cancellationToken);
        return [.. purchased.Values
            .Select(p => new LicenseLine(p.ProductId, p.ProductName, p.Purchased, assigned.GetValueOrDefault(p.ProductId)))
            .OrderBy(l => l.ProductName, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<IReadOnlyList<DirectLicenseLine>> DirectAsync(Guid customerTenantId, CancellationToken cancellationToken) =>
        await db.DirectSubscriptions.AsNoTracking()
            .Where(s => s.CustomerTenantId == customerTenantId)
            .OrderBy(s => s.PurchasedAt)
            .Take(MaxRows)
            .Select(s => new DirectLicenseLine(s.OfferName, s.Quantity, s.Status, s.PurchasedAt))
            .ToListAsync(cancellationToken);

    /// <summary>The first <see cref="MaxRows"/> assignments by product and e-mail.</summary>
    public async Task<IReadOnlyList<AssignmentLine>> AssignmentsAsync(Guid customerTenantId, IReadOnlyCollection<LicenseLine> products, CancellationToken cancellationToken)
    {
        var names = products.ToDictionary(p => p.ProductId, p => p.ProductName, StringComparer.Ordinal);
        var rows = await db.LicenseAssignments.AsNoTracking()
            .Where(a => a.TenantId == customerTenantId)
            .Join(db.CustomerUsers.Where(u => u.TenantId == customerTenantId), a => a.UserId, u => u.Id, (a, u) => new { a.ProductId, u.DisplayName, u.Email, a.AssignedAt })
            .OrderBy(r => r.ProductId).ThenBy(r => r.Email)
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AssignmentLine(r.ProductId, names.GetValueOrDefault(r.ProductId, r.ProductId), r.DisplayName, r.Email, r.AssignedAt))];
    }

    /// <summary>One keyset page of the customer's users by e-mail, after <paramref name="afterEmail"/>.</summary>
    public async Task<IReadOnlyList<CustomerUserLine>> UsersAsync(Guid customerTenantId, string? afterEmail, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.CustomerUsers.AsNoTracking().Where(u => u.TenantId == customerTenantId);
        if (!string.IsNullOrEmpty(afterEmail))
        {
            query = query.Where(u => string.Compare(u.Email, afterEmail) > 0);
        }

        return await query.OrderBy(u => u.Email)
            .Take(Math.Clamp(pageSize, 1, MaxRows))
            .Select(u => new CustomerUserLine(u.Id, u.DisplayName, u.Email))
            .ToListAsync(cancellationToken);
    }
}
