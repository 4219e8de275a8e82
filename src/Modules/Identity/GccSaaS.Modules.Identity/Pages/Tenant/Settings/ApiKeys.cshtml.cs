using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.ApiKeys;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Pages.Tenant.Settings;

/// <summary>
/// The tenant's API keys: create (the key is shown once, valid one year or a shorter chosen time), see when each was
/// last used and when it expires, rotate (the new key is shown once; the old one works for a short overlap), revoke.
/// A reseller admin manages its own organisation's keys, which carry reseller roles (issue 18).
/// </summary>
[NavigationLink("api-keys", "/{tenant}/settings/api-keys", "Nav_ApiKeys", 90, Group = PortalGroup.Settings)]
[Authorize(Policy = IdentityPolicies.CanManageApiKeys)]
[ShowsSecret] // a new key is shown once
internal sealed class ApiKeysModel(IMediator mediator, GccSaaSIdentityDbContext db, ICurrentUserAccessor users, TimeProvider clock, IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    /// <summary>A tenant has a handful of keys; the page shows the newest this many.</summary>
    private const int MaxKeysShown = 200;

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    /// <summary>The roles the caller may give a key: provider roles, or reseller roles for a reseller admin.</summary>
    public IReadOnlyList<string> Roles => users.Current is { IsReseller: true } ? GccSaaSRoles.ResellerRoles : GccSaaSRoles.ProviderRoles;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>Set after a rotation: the key it replaced (the new one is <see cref="Created"/>).</summary>
    public Guid? RotatedKeyId { get; private set; }

    public CreatedApiKey? Created { get; private set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string Role { get; set; } = string.Empty;

    [BindProperty]
    public int ValidForDays { get; set; } = ApiKeyLifetimes.DefaultDays;

    public string? StatusMessage => StatusForNextPage;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (succeeded, created) = await TrySendAsync(new CreateApiKeyCommand(TenantId, Name, Role, ValidForDays));
        if (succeeded)
        {
            Created = created;
            Name = string.Empty;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid apiKeyId)
    {
        if (ModelState.IsValid)
        {
            var (succeeded, created) = await TrySendAsync(new RotateApiKeyCommand(TenantId, apiKeyId));
            if (succeeded)
            {
                Created = created;
                RotatedKeyId = apiKeyId;
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid apiKeyId)
    {
        if (ModelState.IsValid)
        {
            var (succeeded, _) = await TrySendAsync(new RevokeApiKeyCommand(TenantId, apiKeyId));
            if (succeeded)
            {
                StatusForNextPage = l["ApiKeyRevoked"];
                return RedirectToPage();
            }
        }

        await LoadAsync();
        return Page();
    }

    private Guid TenantId => (HttpContext.GetTenant() ?? throw new TenantNotResolvedException()).Id;

    private async Task LoadAsync()
    {
        if (string.IsNullOrEmpty(Role))
        {
            Role = Roles[^1]; // the least powerful role first
        }

        // The page's policy admits Global admins and reseller admins only; without a caller there is nothing to list.
        if (users.Current is not { } caller)
        {
            return;
        }

        Keys = await ApiKeyScope.Visible(db.ApiKeys.AsNoTracking(), TenantId, caller)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Take(MaxKeysShown)
            .ToListAsync(HttpContext.RequestAborted);
    }
}
