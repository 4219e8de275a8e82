using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Platform;

/// <summary>
/// The platform audit log (issue 18): acts without a tenant (tenants created, sign-ins, two-factor changes, platform
/// operators' acts), newest first or oldest first (<c>?sort=when</c>), 25/50/100 rows a page, keyset pages forwards and
/// back on the line's number (the one <see cref="PortalList"/>, as the tenant audit log). Platform admins only.
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

    public async Task<IActionResult> OnGetAsync()
    {
        if (!PortalList.TryRead<PlatformAuditCursor>(HttpContext, Sorts, PageSize, out var list, defaultSort: "-when"))
        {
            return BadRequest();
        }

        var query = db.PlatformAuditEntries.AsNoTracking();
        var descending = list.ReadDescending;
        if (list.Seek is { } after)
        {
            query = descending ? query.Where(e => e.Id < after.Id) : query.Where(e => e.Id > after.Id);
        }

        var ordered = descending ? query.OrderByDescending(e => e.Id) : query.OrderBy(e => e.Id);
        Items = list.Page(await ordered.Take(list.Take).ToListAsync(HttpContext.RequestAborted), e => new PlatformAuditCursor(e.Id));
        List = list;
        return Page();
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
