using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Features.Tenants;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Pages.Platform;

/// <summary>
/// The Platform admin's tenants: create one for an indirect provider with its first Global admin's invitation; the
/// active tenants searched by the start of the name or identifier, sorted by name, identifier or when created, keyset
/// paged (the one <see cref="PortalList"/>).
/// </summary>
[NavigationLink("tenants", "/platform/tenants", "Nav_Tenants", 10)]
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
[ShowsSecret] // the invitation draft carries its link
internal sealed class TenantsModel(
    IMediator mediator,
    ITenantStore store,
    ITenantContextAccessor tenantContext,
    GccSaaSIdentityDbContext db,
    PublicLinks links,
    IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<TenantRow> Tenants { get; private set; } = [];

    /// <summary>The tenants list's sort (name, identifier or created), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>The tenants search: the start of the name (any case) or of the identifier.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public InvitationDraft? Draft { get; private set; }

    public TenantInfo? CreatedTenant { get; private set; }

    [BindProperty]
    public string Identifier { get; set; } = string.Empty;

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string AdminEmail { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!PortalList.TryRead<TenantListCursor>(HttpContext, TenantListSorts.All, PageSize, out _))
        {
            return BadRequest();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (succeeded, created) = await TrySendAsync(new CreateTenantCommand(Identifier, Name, AdminEmail));
        if (succeeded && created is not null)
        {
            CreatedTenant = created.Tenant;
            Draft = Compose(created.Invitation, created.Tenant);
            Identifier = Name = AdminEmail = string.Empty;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAdminAsync(Guid tenantId, string email)
    {
        if (ModelState.IsValid)
        {
            var tenant = await store.FindByIdAsync(tenantId, HttpContext.RequestAborted);
            // An invitation to a tenant is an act in that tenant: its audit log records it.
            using var scope = tenant is { IsActive: true } ? tenantContext.BeginScope(tenant) : null;
            var (succeeded, issued) = await TrySendAsync(new InviteTenantAdminCommand(tenantId, email));
            if (succeeded && issued is not null && tenant is not null)
            {
                Draft = Compose(issued, tenant);
            }
        }

        await LoadAsync();
        return Page();
    }

    private InvitationDraft Compose(IssuedInvitation invitation, TenantInfo tenant)
    {
        var inviter = User.FindFirst(GccSaaSClaimTypes.DisplayName)?.Value ?? User.Identity?.Name ?? string.Empty;
        return InvitationDraft.Compose(invitation, tenant.Name, inviter, links, "/platform/tenants", l);
    }

    private async Task LoadAsync()
    {
        // After a post the list shows as the page's address has it; an address that is no page of it shows no list.
        if (!PortalList.TryRead<TenantListCursor>(HttpContext, TenantListSorts.All, PageSize, out var list))
        {
            return;
        }

        List = list;
        var tenants = list.Page(
            await store.SearchActiveAsync(new TenantListQuery(Q, list.SortKey, list.ReadDescending, list.Seek, list.Take), HttpContext.RequestAborted),
            t => t.Cursor(list.SortKey));
        var ids = tenants.Select(t => t.Tenant.Id).ToArray();
        // Across tenants: the named path that counts members of the listed tenants, never lists them (ADR 0021).
        var counts = await db.Database.SqlQuery<MemberCount>($"SELECT tenant_id AS \"TenantId\", members AS \"Members\" FROM identity.member_counts({ids})")
            .ToDictionaryAsync(x => x.TenantId, x => x.Members, HttpContext.RequestAborted);
        Tenants = [.. tenants.Select(t => new TenantRow(t.Tenant, counts.GetValueOrDefault(t.Tenant.Id), t.CreatedAt))];
    }
}

internal sealed record TenantRow(TenantInfo Tenant, int Members, DateTimeOffset CreatedAt);

/// <summary>A row of <c>identity.member_counts</c>.</summary>
internal sealed record MemberCount(Guid TenantId, int Members);
