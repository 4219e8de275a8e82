using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>The tenant store over <c>platform.tenants</c> (<see cref="PlatformDbContext"/>).</summary>
internal sealed class PostgresTenantStore(PlatformDbContext db, TimeProvider clock) : ITenantStore
{
    public async Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var normalized = identifier.Trim().ToLowerInvariant();
        var record = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Identifier == normalized, cancellationToken);
        return record?.ToInfo();
    }

    public async Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var record = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return record?.ToInfo();
    }

    public async Task<IReadOnlyList<TenantInfo>> ListActiveAsync(Guid? after, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.Tenants.AsNoTracking().Where(t => t.Status == TenantStatus.Active);
        if (after is { } last)
        {
            query = query.Where(t => t.Id > last);
        }

        var records = await query.OrderBy(t => t.Id).Take(pageSize).ToListAsync(cancellationToken);
        return [.. records.Select(r => r.ToInfo())];
    }

    public Task<long> CountActiveAsync(CancellationToken cancellationToken = default) =>
        db.Tenants.LongCountAsync(t => t.Status == TenantStatus.Active, cancellationToken);

    public async Task<TenantInfo> CreateAsync(string identifier, string name, CancellationToken cancellationToken = default)
    {
        var normalized = identifier.Trim().ToLowerInvariant();
        if (!TenantIdentifier.IsValid(normalized))
        {
            throw new ArgumentException($"'{identifier}' is not a valid tenant identifier (2–63 lowercase letters, digits or hyphens).", nameof(identifier));
        }

        var record = new TenantRecord
        {
            Id = Guid.CreateVersion7(),
            Identifier = normalized,
            Name = name.Trim(),
            Status = TenantStatus.Active,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Tenants.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.ToInfo();
    }
}
