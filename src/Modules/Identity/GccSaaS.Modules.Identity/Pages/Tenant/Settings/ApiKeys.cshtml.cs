using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.ApiKeys;
using GccSaaS.Modules.Identity.Resources;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Identity.Pages.Tenant.Settings;

/// <summary>The tenant's API keys: create (the key is shown once), see when each was last used, revoke.</summary>
[Authorize(Policy = IdentityPolicies.CanManageApiKeys)]
[ShowsSecret] // a new key is shown once
internal sealed class ApiKeysModel(IMediator mediator, GccSaaSIdentityDbContext db, IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public CreatedApiKey? Created { get; private set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string Role { get; set; } = GccSaaSRoles.SalesAgent;

    public string? StatusMessage => StatusForNextPage;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (succeeded, created) = await TrySendAsync(new CreateApiKeyCommand(TenantId, Name, Role));
        if (succeeded)
        {
            Created = created;
            Name = string.Empty;
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
        var tenantId = TenantId;
        Keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .ToListAsync(HttpContext.RequestAborted);
    }
}
