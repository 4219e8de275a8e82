using System.Globalization;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using GccSaaS.Modules.Notifications.Resources;

namespace GccSaaS.Modules.Notifications.Pages.Tenant;

/// <summary>
/// One endpoint's delivery log (issue 17): its deliveries and its attempts, newest first, each a keyset page; a
/// delivery, or every delivery since a time, can be sent again (with the same webhook-id).
/// </summary>
[Authorize(Policy = NotificationsPolicies.CanManageWebhooks)]
internal sealed class WebhookLogModel(IMediator mediator, WebhookLog log, IStringLocalizer<WebhooksResource> l) : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public WebhookView? Endpoint { get; private set; }

    public IReadOnlyList<WebhookDeliveryView> Deliveries { get; private set; } = [];

    public IReadOnlyList<WebhookAttemptView> Attempts { get; private set; } = [];

    public string? NextDeliveries { get; private set; }

    public string? NextAttempts { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    public string TenantIdentifier { get; private set; } = string.Empty;

    [BindProperty]
    public DateTime? Since { get; set; }

    public string? StatusMessage => StatusForNextPage;

    public async Task<IActionResult> OnGetAsync(Guid id, string? deliveries, string? attempts) =>
        await LoadAsync(id, deliveries, attempts) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplayAsync(Guid id, Guid deliveryId)
    {
        var (succeeded, count) = await TrySendAsync(new ReplayWebhookDeliveryCommand(Tenant.Id, id, deliveryId));
        return await AfterAsync(id, succeeded, count);
    }

    public async Task<IActionResult> OnPostReplaySinceAsync(Guid id)
    {
        if (Since is not { } since)
        {
            Refuse(new RequestValidationException([new ValidationFailure("since", "required", "since is required.")]));
            return await LoadAsync(id, null, null) ? Page() : NotFound();
        }

        var (succeeded, count) = await TrySendAsync(new ReplayWebhookDeliveriesSinceCommand(Tenant.Id, id, new DateTimeOffset(DateTime.SpecifyKind(since, DateTimeKind.Utc))));
        return await AfterAsync(id, succeeded, count);
    }

    private async Task<IActionResult> AfterAsync(Guid id, bool succeeded, int count)
    {
        if (succeeded)
        {
            StatusForNextPage = l["Replayed", count.ToString(CultureInfo.CurrentCulture)];
            return RedirectToPage(new { id });
        }

        return await LoadAsync(id, null, null) ? Page() : NotFound();
    }

    private TenantInfo Tenant => HttpContext.GetTenant() ?? throw new TenantNotResolvedException();

    private async Task<bool> LoadAsync(Guid id, string? deliveries, string? attempts)
    {
        TenantIdentifier = Tenant.Identifier;
        Endpoint = await Mediator.Send(new GetWebhookQuery(Tenant.Id, id), HttpContext.RequestAborted);
        if (Endpoint is null)
        {
            return false;
        }

        var deliveryPage = await log.DeliveriesAsync(Tenant.Id, id, PageSize, deliveries, lenient: true, HttpContext.RequestAborted);
        var attemptPage = await log.AttemptsAsync(Tenant.Id, id, PageSize, attempts, lenient: true, HttpContext.RequestAborted);
        IsFirstPage = deliveryPage.IsFirst && attemptPage.IsFirst;
        Deliveries = deliveryPage.Items;
        Attempts = attemptPage.Items;
        NextDeliveries = deliveryPage.NextToken;
        NextAttempts = attemptPage.NextToken;
        return true;
    }
}
