using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Platform;

/// <summary>
/// The platform audit log (issue 18): acts without a tenant (tenants created, sign-ins, two-factor changes, platform
/// operators' acts), newest first, a page at a time by keyset (<c>?before=</c> the last line's number). Platform admins only.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class PlatformAuditModel(
    GccSaaSIdentityDbContext db,
    ModuleCatalog catalog,
    IEnumerable<RefusalTextSource> sources,
    IStringLocalizerFactory factory) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<PlatformAuditEntry> Items { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    public async Task OnGetAsync(long? before)
    {
        IsFirstPage = before is null;
        var query = db.PlatformAuditEntries.AsNoTracking();
        if (before is { } b)
        {
            query = query.Where(e => e.Id < b);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(HttpContext.RequestAborted);
        Items = [.. rows.Take(PageSize)];
        NextBefore = rows.Count > PageSize ? Items[^1].Id : null;
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
