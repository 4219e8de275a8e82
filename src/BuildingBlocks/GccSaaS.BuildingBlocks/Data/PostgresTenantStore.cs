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

    public async Task<IReadOnlyDictionary<Guid, TenantInfo>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, TenantInfo>();
        }

        // One statement (id = ANY (@ids), a range of the primary key per id), whatever the number of ids.
        var wanted = ids.Distinct().ToArray();
        var records = await db.Tenants.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToListAsync(cancellationToken);
        return records.ToDictionary(r => r.Id, r => r.ToInfo());
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

    public async Task<IReadOnlyList<TenantListRow>> SearchActiveAsync(TenantListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
#pragma warning disable CA1304, CA1311, CA1862 // lower() in SQL, never evaluated in .NET
        var tenants = db.Tenants.AsNoTracking().Where(t => t.Status == TenantStatus.Active)
            .Select(t => new TenantListJoin { Id = t.Id, Identifier = t.Identifier, Name = t.Name, Status = t.Status, CreatedAt = t.CreatedAt, SortName = t.Name.ToLower() });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // The start of the name in any case, or of the identifier (always lower-case).
            var pattern = Escape(query.Search.Trim().ToLowerInvariant()) + "%";
            tenants = tenants.Where(t => EF.Functions.Like(t.SortName, pattern, "\\") || EF.Functions.Like(t.Identifier, pattern, "\\"));
        }

        // Keyset: rows strictly after the cursor in the list's order; each order is one index range (ux_tenants_identifier,
        // ix_tenants_lower_name_id, ix_tenants_created_at_id), read forwards or backwards.
        var after = query.After;
        var descending = query.Descending;
        IOrderedQueryable<TenantListJoin> ordered;
        switch (query.Sort)
        {
            case TenantListSorts.Identifier:
                if (after is not null)
                {
                    tenants = descending
                        ? tenants.Where(t => string.Compare(t.Identifier, after.Key) < 0)
                        : tenants.Where(t => string.Compare(t.Identifier, after.Key) > 0);
                }

                ordered = descending ? tenants.OrderByDescending(t => t.Identifier) : tenants.OrderBy(t => t.Identifier);
                break;
            case TenantListSorts.Created:
                if (after is { CreatedAt: { } at })
                {
                    tenants = descending
                        ? tenants.Where(t => t.CreatedAt <= at && (t.CreatedAt < at || t.Id.CompareTo(after.Id) < 0))
                        : tenants.Where(t => t.CreatedAt >= at && (t.CreatedAt > at || t.Id.CompareTo(after.Id) > 0));
                }

                ordered = descending
                    ? tenants.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
                    : tenants.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id);
                break;
            default:
                if (after is not null)
                {
                    tenants = descending
                        ? tenants.Where(t => string.Compare(t.SortName, after.Key) <= 0 && (string.Compare(t.SortName, after.Key) < 0 || t.Id.CompareTo(after.Id) < 0))
                        : tenants.Where(t => string.Compare(t.SortName, after.Key) >= 0 && (string.Compare(t.SortName, after.Key) > 0 || t.Id.CompareTo(after.Id) > 0));
                }

                ordered = descending
                    ? tenants.OrderByDescending(t => t.SortName).ThenByDescending(t => t.Id)
                    : tenants.OrderBy(t => t.SortName).ThenBy(t => t.Id);
                break;
        }
#pragma warning restore CA1304, CA1311, CA1862

        var rows = await ordered.Take(query.Take).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new TenantListRow(new TenantInfo(r.Id, r.Identifier, r.Name, r.Status), r.SortName, r.CreatedAt))];
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

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A tenant with its sort name (member-init, so that the query composes on it).</summary>
    private sealed class TenantListJoin
    {
        public Guid Id { get; init; }

        public string Identifier { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public TenantStatus Status { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public string SortName { get; init; } = string.Empty;
    }
}
