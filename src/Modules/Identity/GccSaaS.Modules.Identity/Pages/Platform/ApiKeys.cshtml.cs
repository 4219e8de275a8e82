using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.ApiKeys;
using GccSaaS.Modules.Identity.Features.PlatformApiKeys;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Pages.Platform;

/// <summary>
/// A platform user's own API keys for <c>/v1/platform/</c> (ADR 0011): create (the key is shown once), see
/// when each was last used, revoke. Each key acts with the user's platform roles of the moment.
/// </summary>
[NavigationLink("platform-api-keys", "/platform/api-keys", "Nav_PlatformApiKeys", 60)]
[Authorize(Policy = GccSaaSPolicies.PlatformUser)]
[ShowsSecret] // a new key is shown once
internal sealed class PlatformApiKeysModel(IMediator mediator, GccSaaSIdentityDbContext db, ICurrentUserAccessor users, TimeProvider clock, IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    /// <summary>A person has a handful of keys; the page shows the newest this many.</summary>
    private const int MaxKeysShown = 200;

    public IReadOnlyList<PlatformApiKey> Keys { get; private set; } = [];

    public CreatedPlatformApiKey? Created { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>Set after a rotation: the key it replaced (the new one is <see cref="Created"/>).</summary>
    public Guid? RotatedKeyId { get; private set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public int ValidForDays { get; set; } = ApiKeyLifetimes.DefaultDays;

    public string? StatusMessage => StatusForNextPage;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (succeeded, created) = await TrySendAsync(new CreatePlatformApiKeyCommand(Name, ValidForDays));
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
            var (succeeded, created) = await TrySendAsync(new RotatePlatformApiKeyCommand(apiKeyId));
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
            var (succeeded, _) = await TrySendAsync(new RevokePlatformApiKeyCommand(apiKeyId));
            if (succeeded)
            {
                StatusForNextPage = l["ApiKeyRevoked"];
                return RedirectToPage();
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        // The page's policy requires a signed-in platform user; without one there is nothing to list.
        if (users.Current is not { } user)
        {
            return;
        }

        var userId = user.UserId;
        Roles = [.. GccSaaSRoles.PlatformRoles.Where(user.HasPlatformRole)];
        Keys = await db.PlatformApiKeys.AsNoTracking()
            .Where(k => k.UserId == userId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Take(MaxKeysShown)
            .ToListAsync(HttpContext.RequestAborted);
    }
}
