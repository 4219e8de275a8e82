using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Platform;

/// <summary>
/// The platform audit log (issue 18): acts without a tenant (tenants created, sign-ins, two-factor changes, platform
/// operators' acts), newest first or oldest first (<c>?sort=when</c>), 25/50/100 rows a page, keyset pages forwards and
/// back on the line's number (the one <see cref="PortalList"/>, as the tenant audit log), filtered by action
/// (<c>?action=</c>, kept in the sort and page links; one range of the index on action and id) and by the tenant an act
/// concerns (<c>?tenant=</c>, the tenant's id, issue 16: one range of the index on tenant_id and id; a value that is no
/// tenant's id answers 400, like a malformed sort). Platform admins only: they see every tenant.
/// </summary>
[NavigationLink("platform-audit", "/platform/audit", "Nav_PlatformAudit", 70)]
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class PlatformAuditModel(
    GccSaaSIdentityDbContext db,
    ITenantStore tenantStore,
    ModuleCatalog catalog,
    IEnumerable<RefusalTextSource> sources,
    IStringLocalizerFactory factory) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The most tenants the filter lists (by name); a tenant beyond them is still filtered by when asked.</summary>
    public const int MaxTenantsListed = 500;

    /// <summary>The one order the log offers (its primary key: lines are numbered as they are written), newest first unless asked.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["when"];

    public IReadOnlyList<PlatformAuditEntry> Items { get; private set; } = [];

    /// <summary>The list's sort (newest or oldest first), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>The action the log is filtered by (its name as recorded), none for every action.</summary>
    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    /// <summary>The actions the log holds, to filter by: (action as recorded, in people's words), by their words.</summary>
    public IReadOnlyList<(string Action, string Label)> Actions { get; private set; } = [];

    /// <summary>The tenant the log is filtered by, none for every line.</summary>
    public TenantInfo? TenantFilter { get; private set; }

    /// <summary>The tenants to filter by, by name.</summary>
    public IReadOnlyList<TenantInfo> Tenants { get; private set; } = [];

    /// <summary>The names of the tenants the shown lines concern, by id.</summary>
    public IReadOnlyDictionary<Guid, string> TenantNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!PortalList.TryRead<PlatformAuditCursor>(HttpContext, Sorts, PageSize, out var list, defaultSort: "-when"))
        {
            return BadRequest();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var tenantValues = Request.Query["tenant"];
        var tenantText = tenantValues.Count == 1 ? tenantValues[0] : null;
        if (tenantValues.Count > 1)
        {
            return BadRequest();
        }

        if (!string.IsNullOrWhiteSpace(tenantText))
        {
            // Only a tenant's id is a value of the select: anything else is no link of this page.
            if (!Guid.TryParseExact(tenantText.Trim(), "D", out var tenantId)
                || await tenantStore.FindByIdAsync(tenantId, cancellationToken) is not { } filtered)
            {
                return BadRequest();
            }

            TenantFilter = filtered;
        }

        ActionFilter = string.IsNullOrWhiteSpace(ActionFilter) ? null : ActionFilter.Trim();
        var query = db.PlatformAuditEntries.AsNoTracking();
        if (ActionFilter is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (TenantFilter is { } tenant)
        {
            var id = tenant.Id;
            query = query.Where(e => e.TenantId == id);
        }
        var descending = list.ReadDescending;
        if (list.Seek is { } after)
        {
            query = descending ? query.Where(e => e.Id < after.Id) : query.Where(e => e.Id > after.Id);
        }

        var ordered = descending ? query.OrderByDescending(e => e.Id) : query.OrderBy(e => e.Id);
        Items = list.Page(await ordered.Take(list.Take).ToListAsync(cancellationToken), e => new PlatformAuditCursor(e.Id));
        List = list;
        Actions = await ActionsAsync(cancellationToken);
        var tenants = (await tenantStore.SearchActiveAsync(new TenantListQuery(null, TenantListSorts.Name, false, null, MaxTenantsListed), cancellationToken))
            .Select(t => t.Tenant)
            .ToList();
        if (TenantFilter is { } chosen && tenants.All(t => t.Id != chosen.Id))
        {
            tenants.Add(chosen); // suspended, or beyond the listed ones: still shown as the filter in force
        }

        Tenants = tenants;
        // The listed tenants name most rows; the others (suspended, or beyond the listed ones) in one query for the page.
        var names = new Dictionary<Guid, string>();
        var missing = new List<Guid>();
        foreach (var id in Items.Select(e => e.TenantId).OfType<Guid>().Distinct())
        {
            if (tenants.FirstOrDefault(t => t.Id == id) is { } known)
            {
                names[id] = known.Name;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var (id, found) in await tenantStore.FindByIdsAsync(missing, cancellationToken))
            {
                names[id] = found.Name;
            }
        }

        TenantNames = names;
        return Page();
    }

    /// <summary>
    /// Every action the log holds with its module, by a skip scan over the index on action and id (one index probe per
    /// action, not a read of the log).
    /// </summary>
    private async Task<IReadOnlyList<(string Action, string Label)>> ActionsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<string>(
            """
            WITH RECURSIVE a(action) AS (
                SELECT min(action) FROM identity.platform_audit_entries
                UNION ALL
                SELECT (SELECT min(e.action) FROM identity.platform_audit_entries e WHERE e.action > a.action) FROM a WHERE a.action IS NOT NULL)
            SELECT a.action || chr(9) || (SELECT e.module FROM identity.platform_audit_entries e WHERE e.action = a.action LIMIT 1) AS "Value"
            FROM a WHERE a.action IS NOT NULL
            """).ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => r.Split('\t', 2))
            .Select(p => (p[0], ActionText(new PlatformAuditEntry { Action = p[0], Module = p.Length > 1 ? p[1] : string.Empty })))
            .OrderBy(c => c.Item2, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The act in people's words: <c>Audit_{Action}</c> of the module that owns it, else the name split into words.</summary>
    public string ActionText(PlatformAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (catalog.Modules.FirstOrDefault(m => m.Name == entry.Module) is { } module
            && sources.LastOrDefault(s => s.Module == module.Implementation) is { } source
            && factory.Create(source.Resource)["Audit_" + entry.Action] is { ResourceNotFound: false } text)
        {
            return text.Value;
        }

        return System.Text.RegularExpressions.Regex.Replace(entry.Action.Replace("Command", string.Empty, StringComparison.Ordinal), "(?<=[a-z])(?=[A-Z])", " ");
    }
}

/// <summary>The keyset of the platform audit log: the line's number.</summary>
internal sealed record PlatformAuditCursor(long Id);
