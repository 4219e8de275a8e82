using GccSaaS.Modules.Notifications.Features.Webhooks;
using GccSaaS.Modules.Notifications.Resources;

namespace GccSaaS.Modules.Notifications.Pages.Tenant;

/// <summary>
/// Webhooks (issue 17): the provider's Global admin (a reseller admin: its own, for its customers' events) registers
/// endpoints with the events they want, sees the signing secret once, pauses, resumes, rotates and deletes them, and
/// opens each one's delivery log.
/// </summary>
[NavigationLink("webhooks", "/{tenant}/webhooks", "Nav_Webhooks", 115, Group = PortalGroup.Settings, TextResource = typeof(WebhooksResource))]
[Authorize(Policy = NotificationsPolicies.CanManageWebhooks)]
[ShowsSecret] // a new or rotated secret is shown once
internal sealed class WebhooksModel(IMediator mediator, ICurrentUserAccessor users, IStringLocalizer<WebhooksResource> l) : PortalPageModel(mediator)
{
    public IReadOnlyList<WebhookView> Endpoints { get; private set; } = [];

    /// <summary>The event types this user may choose: every one for the provider, those about customers for a reseller user.</summary>
    public IReadOnlyList<WebhookEventType> EventTypes { get; private set; } = [];

    /// <summary>A secret just made (registration or rotation), with its endpoint's address: shown in this answer only.</summary>
    public WebhookWithSecret? Secret { get; private set; }

    [BindProperty]
    public string EndpointUrl { get; set; } = string.Empty;

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    public string TenantIdentifier { get; private set; } = string.Empty;

    public string? StatusMessage => StatusForNextPage;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var user = users.Current;
        var owner = user?.IsReseller == true ? user.ResellerOrganisationId ?? Guid.Empty : (Guid?)null;
        var (succeeded, registered) = await TrySendAsync(new RegisterWebhookCommand(Tenant.Id, EndpointUrl, Description, Events, owner));
        if (succeeded && registered is not null)
        {
            Secret = registered;
            EndpointUrl = string.Empty;
            Description = null;
            Events = [];
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id)
    {
        var (succeeded, rotated) = await TrySendAsync(new RotateWebhookSecretCommand(Tenant.Id, id));
        if (succeeded)
        {
            Secret = rotated;
        }

        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostPauseAsync(Guid id) => ChangeAsync(new PauseWebhookCommand(Tenant.Id, id), "Paused");

    public Task<IActionResult> OnPostResumeAsync(Guid id) => ChangeAsync(new ResumeWebhookCommand(Tenant.Id, id), "Resumed");

    public Task<IActionResult> OnPostDeleteAsync(Guid id) => ChangeAsync(new DeleteWebhookCommand(Tenant.Id, id), "Deleted");

    private async Task<IActionResult> ChangeAsync<T>(IRequest<T> command, string done)
    {
        var (succeeded, _) = await TrySendAsync(command);
        if (succeeded)
        {
            StatusForNextPage = l[done];
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    private TenantInfo Tenant => HttpContext.GetTenant() ?? throw new TenantNotResolvedException();

    private async Task LoadAsync()
    {
        TenantIdentifier = Tenant.Identifier;
        var reseller = users.Current?.IsReseller == true;
        EventTypes = [.. WebhookEventTypes.All.Where(t => !reseller || t.AboutCustomers)];
        Endpoints = await Mediator.Send(new ListWebhooksQuery(Tenant.Id), HttpContext.RequestAborted);
    }
}
