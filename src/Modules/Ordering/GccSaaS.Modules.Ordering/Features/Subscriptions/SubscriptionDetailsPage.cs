using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Resources;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// A subscription's details page (<c>/{tenant}/customers/{id}/subscriptions/{subId}</c>): the license count, auto-renew
/// and Cancel (confirmed first, within the cancellation window) for every user who may reach the customer; the reseller
/// of record (R-ORD-4: pick a partnered reseller, or enter a PartnerID and Verify) and the designated support contact
/// (R-ORD-5, R-PC-9) for provider users. Each form carries the version the page showed: when someone changed the
/// subscription meanwhile, the change is refused (409) and the page shows the current values with a clear message.
/// A subscription bought directly from the vendor is shown read-only (R-ORD-6); a reseller user reaches only its own
/// customers' subscriptions (another's is 404, like one that does not exist).
/// </summary>
[Authorize(Policy = OrderingPolicies.CanOrder)]
internal sealed class SubscriptionDetailsPageModel(
    IMediator mediator,
    ITenantContextAccessor tenants,
    OrderingScope scope,
    OrderingRefusals refusals,
    IStringLocalizer<OrderingResource> o) : PortalPageModel(mediator)
{
    public const int MaxResellersListed = 200;

    public SubscriptionDetails? Details { get; private set; }

    public string? CustomerName { get; private set; }

    /// <summary>The provider's active partnerships, for the reseller of record and support contact pickers.</summary>
    public IReadOnlyList<PartnershipDto> Resellers { get; private set; } = [];

    public bool IsProvider => !scope.IsReseller;

    /// <summary>The provider's own PartnerID: choosing it puts the support contact back to the provider.</summary>
    public string? ProviderPartnerId { get; private set; }

    /// <summary>What the post before this page just changed, shown once and never carried in the address.</summary>
    public string? StatusMessage { get; private set; }

    /// <summary>The answer of Verify: the partnered reseller behind the PartnerID entered.</summary>
    public PartneredReseller? Verified { get; private set; }

    /// <summary>The version the forms carry (the page's ETag).</summary>
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public int? Quantity { get; set; }

    [BindProperty]
    public bool AutoRenew { get; set; }

    [BindProperty]
    public bool ConfirmCancel { get; set; }

    /// <summary>A reseller picked from the list (its PartnerID).</summary>
    [BindProperty]
    public string? ResellerChoice { get; set; }

    /// <summary>"Indirect reseller not in the list? Enter its PartnerID": wins over the list when given.</summary>
    [BindProperty]
    public string? ResellerPartnerId { get; set; }

    /// <summary>The support contact's PartnerID: the provider's own (the default) or a partnered reseller's.</summary>
    [BindProperty]
    public string? SupportMpnId { get; set; }

    public static readonly IReadOnlyList<string> DoneKeys = ["quantity", "autorenew", "cancelled", "reseller", "supportcontact"];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        StatusMessage = StatusForNextPage;
        return await LoadAsync(id, subId, cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostQuantityAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        if (Quantity is null)
        {
            return RefuseFieldAsync(id, subId, nameof(Quantity), o["Subscription_QuantityRequired"], cancellationToken);
        }

        var seen = SubscriptionETags.For(Version);
        return ChangeAsync(id, subId, "quantity", t => new ChangeSubscriptionCommand(t, id, subId, seen, Quantity, null, null, null), cancellationToken);
    }

    public Task<IActionResult> OnPostAutoRenewAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        var seen = SubscriptionETags.For(Version);
        return ChangeAsync(id, subId, "autorenew", t => new ChangeSubscriptionCommand(t, id, subId, seen, null, AutoRenew, null, null), cancellationToken);
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        if (!ConfirmCancel)
        {
            return RefuseFieldAsync(id, subId, nameof(ConfirmCancel), refusals.Describe(OrderingErrorCodes.CancellationNotConfirmed), cancellationToken, OrderingErrorCodes.CancellationNotConfirmed);
        }

        var seen = SubscriptionETags.For(Version);
        return ChangeAsync(
            id, subId, "cancelled", t => new ChangeSubscriptionCommand(t, id, subId, seen, null, null, SubscriptionLifecycle.Deleted, null), cancellationToken);
    }

    public async Task<IActionResult> OnPostResellerAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        var seen = SubscriptionETags.For(Version); // the version the form showed, before the page reads the current one
        if (await ProviderOnlyAsync(id, subId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var partnerId = string.IsNullOrWhiteSpace(ResellerPartnerId) ? ResellerChoice?.Trim() : ResellerPartnerId.Trim();
        if (string.IsNullOrEmpty(partnerId))
        {
            return await RefuseFieldAsync(id, subId, nameof(ResellerPartnerId), o["Subscription_ResellerRequired"], cancellationToken);
        }

        return await ChangeAsync(id, subId, "reseller", t => new ChangeSubscriptionCommand(t, id, subId, seen, null, null, null, partnerId), cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyResellerAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        if (await ProviderOnlyAsync(id, subId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var partnerId = ResellerPartnerId?.Trim();
        if (string.IsNullOrEmpty(partnerId))
        {
            return await RefuseFieldAsync(id, subId, nameof(ResellerPartnerId), o["Subscription_ResellerRequired"], cancellationToken);
        }

        var verification = await Mediator.Send(new VerifyResellerQuery(tenants.RequireTenant().Id, partnerId), cancellationToken);
        if (verification.Problem is { } problem)
        {
            Refuse(refusals.Describe(problem), StatusCodes.Status422UnprocessableEntity, nameof(ResellerPartnerId), problem.Code);
        }
        else
        {
            Verified = verification.Reseller;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSupportContactAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        var seen = SubscriptionETags.For(Version); // the version the form showed, before the page reads the current one
        if (await ProviderOnlyAsync(id, subId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(SupportMpnId))
        {
            return await RefuseFieldAsync(id, subId, nameof(SupportMpnId), o["Subscription_SupportContactRequired"], cancellationToken);
        }

        return await ChangeAsync(
            id, subId, "supportcontact", t => new SetSupportContactCommand(t, id, subId, seen, null, SupportMpnId.Trim()), cancellationToken);
    }

    /// <summary>The reseller of record and the support contact are the provider's to set: a reseller user is refused (403), never told more.</summary>
    private async Task<IActionResult?> ProviderOnlyAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, subId, cancellationToken))
        {
            return NotFound();
        }

        if (IsProvider)
        {
            return null;
        }

        Refuse(refusals.Describe(OrderingErrorCodes.ProviderUsersOnly), StatusCodes.Status403Forbidden, code: OrderingErrorCodes.ProviderUsersOnly);
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Guid subId, string done, Func<Guid, IRequest<SubscriptionDetails>> command, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            await Mediator.Send(command(tenant.Id), cancellationToken);
            StatusForNextPage = o["Subscription_Done_" + done];
            return Redirect($"/{tenant.Identifier}/customers/{id}/subscriptions/{subId}");
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        // Refused (a stale version included): the page shows the subscription as it now is, with the refusal at the top,
        // and its forms carry the current version.
        return await LoadAsync(id, subId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<IActionResult> RefuseFieldAsync(Guid id, Guid subId, string field, string message, CancellationToken cancellationToken, string? code = null)
    {
        if (!await LoadAsync(id, subId, cancellationToken))
        {
            return NotFound();
        }

        Refuse(message, StatusCodes.Status400BadRequest, field, code);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid subId, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            Details = await Mediator.Send(new GetSubscriptionDetailsQuery(tenant.Id, id, subId), cancellationToken);
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return false;
        }

        CustomerName = (await Mediator.Send(new GetCustomerNamesQuery(tenant.Id, [id]), cancellationToken)).GetValueOrDefault(id);
        Version = Details.Version;
        Quantity = Details.Quantity;
        AutoRenew = Details.AutoRenewEnabled;
        if (IsProvider && !Details.BoughtDirectly)
        {
            Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, MaxResellersListed), cancellationToken);
            ProviderPartnerId = (await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken))?.PartnerId;
        }

        return true;
    }
}
