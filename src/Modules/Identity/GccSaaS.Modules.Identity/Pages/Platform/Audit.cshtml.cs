using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Platform;

/// <summary>
/// The platform audit log (issue 18): acts without a tenant (tenants created, sign-ins, two-factor changes, platform
/// operators' acts), newest first or oldest first (<c>?sort=when</c>), 25/50/100 rows a page, keyset pages forwards and
/// back on the line's number (the one <see cref="PortalList"/>, as the tenant audit log), filtered by action
/// (<c>?action=</c>, kept in the sort and page links; one range of the index on action and id). Platform admins only.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class PlatformAuditModel(
    GccSaaSIdentityDbContext db,
    ModuleCatalog catalog,
    IEnumerable<RefusalTextSource> sources,
    IStringLocalizerFactory factory) : PageModel
{
    public const int PageSize = 50;

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

    public async Task<IActionResult> OnGetAsync()
    {
        if (!PortalList.TryRead<PlatformAuditCursor>(HttpContext, Sorts, PageSize, out var list, defaultSort: "-when"))
        {
            return BadRequest();
        }

        ActionFilter = string.IsNullOrWhiteSpace(ActionFilter) ? null : ActionFilter.Trim();
        var query = db.PlatformAuditEntries.AsNoTracking();
        if (ActionFilter is { } action)
        {
            query = query.Where(e => e.Action == action);
        }
        var descending = list.ReadDescending;
        if (list.Seek is { } after)
        {
            query = descending ? query.Where(e => e.Id < after.Id) : query.Where(e => e.Id > after.Id);
        }

        var ordered = descending ? query.OrderByDescending(e => e.Id) : query.OrderBy(e => e.Id);
        Items = list.Page(await ordered.Take(list.Take).ToListAsync(HttpContext.RequestAborted), e => new PlatformAuditCursor(e.Id));
        List = list;
        Actions = await ActionsAsync(HttpContext.RequestAborted);
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
