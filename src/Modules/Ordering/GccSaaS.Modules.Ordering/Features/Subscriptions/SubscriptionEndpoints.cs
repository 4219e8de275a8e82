using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Features.Orders;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// Subscriptions after purchase under <c>/v1</c>: details with an ETag, <c>PATCH</c> with <c>If-Match</c> (license count,
/// auto-renew, cancel, reseller of record), the support contact (R-ORD-5, R-PC-9), the ones bought directly
/// (read-only, R-ORD-6) and the provider-wide list. Every route under <c>/customers/{id}</c> reaches the customer through
/// <see cref="OrderingScope"/>: another tenant's or another reseller's customer is 404 <c>customer_not_found</c>.
/// </summary>
internal static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptionRoutes(this RouteGroupBuilder v1)
    {
        var customer = v1.MapGroup("/customers/{id:guid}").RequireAuthorization(OrderingPolicies.CanOrder);
        customer.MapGet("/subscriptions/{subId:guid}", GetAsync).WithName("GetSubscription")
            .WithSummary("R-ORD-4..6: one subscription (also one bought directly, read-only); the ETag header is what PATCH's If-Match must name.");
        customer.MapPatch("/subscriptions/{subId:guid}", PatchAsync).WithName("UpdateSubscription")
            .WithSummary("Raises the license count at any time, lowers it or cancels (status deleted) within 7 days of purchase or renewal, switches auto-renew, sets the reseller of record (partnerId). If-Match required: 428 without, 412 when stale.");
        customer.MapGet("/subscriptions/{subId:guid}/supportcontact", GetSupportContactAsync).WithName("GetSubscriptionSupportContact")
            .WithSummary("R-PC-9: the designated support contact, the provider by default.");
        customer.MapPut("/subscriptions/{subId:guid}/supportcontact", PutSupportContactAsync).WithName("UpdateSubscriptionSupportContact")
            .WithSummary("R-ORD-5, R-PC-9: sets the support contact to a partnered reseller (supportMpnId, supportTenantId), or back to the provider.");
        customer.MapGet("/directsubscriptions", ListDirectAsync).WithName("ListDirectSubscriptions")
            .WithSummary("R-ORD-6, R-REL-6: the subscriptions the customer bought directly from the vendor: read-only.");
        v1.MapGet("/subscriptions", ListAsync).RequireAuthorization(OrderingPolicies.CanOrder).WithName("ListTenantSubscriptions")
            .WithSummary("Every customer's subscriptions (a reseller user's: its own customers'), oldest first; mpn_id (or none), productFamily, status and offerId filter.");
        return v1;
    }

    private static Guid TenantOf(HttpContext context) =>
        context.GetTenant()?.Id ?? throw new InvalidOperationException("A /v1 route ran without a tenant.");

    private static async Task<IResult> GetAsync(HttpContext context, Guid id, Guid subId, IMediator mediator, CancellationToken cancellationToken)
    {
        var details = await mediator.Send(new GetSubscriptionDetailsQuery(TenantOf(context), id, subId), cancellationToken);
        if (!details.BoughtDirectly)
        {
            context.Response.Headers.ETag = details.ETag;
        }

        return Results.Ok(SubscriptionDetailsResource.From(details));
    }

    private static async Task<IResult> PatchAsync(
        HttpContext context, Guid id, Guid subId, SubscriptionPatchRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var details = await SendWithPreconditionsAsync(() => mediator.Send(
            new ChangeSubscriptionCommand(
                TenantOf(context), id, subId, ifMatch.Length == 0 ? null : ifMatch, body.Quantity, body.AutoRenewEnabled, body.Status,
                string.IsNullOrWhiteSpace(body.PartnerId) ? null : body.PartnerId.Trim()),
            cancellationToken));
        context.Response.Headers.ETag = details.ETag;
        return Results.Ok(SubscriptionDetailsResource.From(details));
    }

    private static async Task<IResult> GetSupportContactAsync(HttpContext context, Guid id, Guid subId, IMediator mediator, CancellationToken cancellationToken)
    {
        var details = await mediator.Send(new GetSubscriptionDetailsQuery(TenantOf(context), id, subId), cancellationToken);
        return details.SupportContact is { } contact
            ? Results.Ok(DesignatedSupportContactResource.From(contact))
            : throw new DomainRuleException(OrderingErrorCodes.SubscriptionBoughtDirectly, "A subscription bought directly from the vendor has no support contact you can see or set.");
    }

    private static async Task<IResult> PutSupportContactAsync(
        HttpContext context, Guid id, Guid subId, SupportContactRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var details = await SendWithPreconditionsAsync(() => mediator.Send(
            new SetSupportContactCommand(TenantOf(context), id, subId, ifMatch.Length == 0 ? null : ifMatch, body.SupportTenantId, body.SupportMpnId?.Trim() ?? string.Empty),
            cancellationToken));
        context.Response.Headers.ETag = details.ETag;
        return Results.Ok(DesignatedSupportContactResource.From(
            details.SupportContact ?? throw new InvalidOperationException("A subscription whose support contact was set has one.")));
    }

    private static async Task<IResult> ListDirectAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        var rows = await mediator.Send(new ListDirectSubscriptionsQuery(TenantOf(context), id), cancellationToken);
        return Results.Ok(new ResourceCollection<SubscriptionDetailsResource>([.. rows.Select(SubscriptionDetailsResource.From)], new CollectionLinks(null)));
    }

    private static async Task<IResult> ListAsync(
        HttpContext context,
        ContinuationPage<IdCursor> page,
        [FromQuery(Name = "mpn_id")] string? mpnId,
        string? productFamily,
        string? status,
        [Description(OfferIdDescription), StringLength(40), RegularExpression(OfferIdPattern)] string? offerId,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var (filter, parsed) = TenantSubscriptionFilter.Parse(mpnId, productFamily, status, "mpn_id");
        var failures = parsed.ToList();
        var offer = ReadOfferId(offerId, context.Request.Query[OfferIdParameter].Count, failures);
        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures);
        }

        var rows = await mediator.Send(new ListTenantSubscriptionsQuery(TenantOf(context), filter with { OfferId = offer }, page.After, page.Take), cancellationToken);
        var collection = page.ToCollection(rows, r => new IdCursor(r.Id));
        return Results.Ok(new ResourceCollection<TenantSubscriptionResource>([.. collection.Items.Select(TenantSubscriptionResource.From)], collection.Links));
    }

    private const string OfferIdDescription =
        "Only the subscriptions of this offer: its id in the catalogue, as the items' offerId shows it (e.g. M365-G5-GCC; letters, "
        + "digits, hyphens, underscores and dots, at most 40). Once at most. An offer the catalogue does not hold matches no subscription. "
        + "Kept in links.next like the other filters.";

    /// <summary>
    /// The <c>offerId</c> filter (issue 16, the portal's filter by offer): one value that could be an offer id, matched
    /// exactly (one range of the index on tenant, offer and id); an id the catalogue does not hold lists nothing, as the
    /// export does. Repeated or malformed, it is a failure of the request (400 <c>invalid_input</c>), never ignored.
    /// </summary>
    private static string? ReadOfferId(string? value, int given, List<ValidationFailure> failures)
    {
        if (given > 1)
        {
            failures.Add(new(OfferIdParameter, "duplicate", "Name one offer: offerId is given once at most."));
            return null;
        }

        var offer = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (offer is not null && !TenantSubscriptionFilter.IsWellFormedOfferId(offer))
        {
            failures.Add(new(OfferIdParameter, "invalid", "offerId is an offer's id in the catalogue (letters, digits, hyphens, underscores and dots, at most 40), e.g. M365-G5-GCC."));
            return null;
        }

        return offer;
    }

    private const string OfferIdParameter = "offerId";

    /// <summary>What <see cref="TenantSubscriptionFilter.IsWellFormedOfferId"/> accepts, for the OpenAPI document (the check is that method's).</summary>
    private const string OfferIdPattern = "^[A-Za-z0-9._-]{1,40}$";

    /// <summary>The two HTTP preconditions answer with their own statuses: 428 without <c>If-Match</c>, 412 when it is stale.</summary>
    private static async Task<SubscriptionDetails> SendWithPreconditionsAsync(Func<Task<SubscriptionDetails>> send)
    {
        try
        {
            return await send();
        }
        catch (DomainRuleException ex) when (ex.Code == OrderingErrorCodes.IfMatchRequired)
        {
            throw new ApiProblemException(StatusCodes.Status428PreconditionRequired, ex.Code, ex.Message);
        }
        catch (DomainRuleException ex) when (ex.Code == OrderingErrorCodes.SubscriptionEtagStale)
        {
            throw new ApiProblemException(StatusCodes.Status412PreconditionFailed, ex.Code, ex.Message);
        }
    }
}

/// <summary>
/// The body of <c>PATCH …/subscriptions/{id}</c>: Partner Center's Subscription resource, of which these fields are
/// read (a field left out, or null, stays as it is; sending back the whole resource from GET changes nothing but what
/// was edited). <c>status</c>: <c>active</c>, or <c>deleted</c> to cancel; <c>partnerId</c>: the reseller of record's PartnerID.
/// </summary>
internal sealed record SubscriptionPatchRequest(int? Quantity, bool? AutoRenewEnabled, string? Status, string? PartnerId);

/// <summary>Partner Center's <c>SupportContact</c> as <c>PUT …/supportcontact</c> takes it; <c>name</c> is informative (the directory's name is kept).</summary>
internal sealed record SupportContactRequest(Guid? SupportTenantId, string? SupportMpnId, string? Name);

/// <summary>Partner Center's <c>SupportContact</c> (<c>supportTenantId</c>, <c>supportMpnId</c>, <c>name</c>) plus whether it is the provider or a reseller.</summary>
internal sealed record DesignatedSupportContactResource(Guid? SupportTenantId, string? SupportMpnId, string Name, string Kind)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("SupportContact");

    public static DesignatedSupportContactResource From(SupportContactDetails contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new(contact.SupportTenantId, contact.SupportMpnId, contact.Name, contact.Kind);
    }
}

/// <summary>Partner Center's <c>attributes</c> of a subscription: its type and ETag.</summary>
internal sealed record SubscriptionAttributes(string? Etag, string ObjectType);

/// <summary>
/// Partner Center's <c>Subscription</c> with what its details page shows: <c>partnerId</c> (the reseller of record,
/// R-ORD-4) and its name, the support contact (R-PC-9), <c>cancellationAllowedUntilDate</c> (new commerce's 7-day
/// window), the offer's seat bounds, and for a subscription bought directly from the vendor <c>boughtDirectly</c>,
/// <c>advisorOfRecord</c> and <c>isReadOnly</c> (R-ORD-6).
/// </summary>
internal sealed record SubscriptionDetailsResource(
    Guid Id,
    Guid CustomerId,
    string? OfferId,
    string OfferName,
    string FriendlyName,
    string? ProductFamily,
    string? Segment,
    int Quantity,
    string UnitType,
    DateTimeOffset CreationDate,
    DateTimeOffset EffectiveStartDate,
    DateTimeOffset? CommitmentEndDate,
    DateTimeOffset? CancellationAllowedUntilDate,
    string Status,
    bool AutoRenewEnabled,
    string? BillingCycle,
    string? TermDuration,
    string? PartnerId,
    string? ResellerName,
    Guid? OrderId,
    DesignatedSupportContactResource? SupportContact,
    int? MinimumQuantity,
    int? MaximumQuantity,
    bool IsReadOnly,
    bool BoughtDirectly,
    string? AdvisorOfRecord,
    DateTimeOffset? LastModifiedDate,
    string? LastModifiedBy)
{
    [JsonPropertyOrder(100)]
    public SubscriptionAttributes Attributes { get; init; } = new(null, "Subscription");

    public static SubscriptionDetailsResource From(SubscriptionDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id, d.CustomerId, d.OfferId, d.OfferName, d.OfferName, d.ProductFamily, d.Segment, d.Quantity, "Licenses",
            d.CreatedAt, d.CreatedAt, d.CommitmentEndsAt, d.BoughtDirectly ? null : d.CancellationWindowEndsAt,
            d.Status.ToLowerInvariant(), d.AutoRenewEnabled, d.BillingCycle, d.TermDuration, d.ResellerPartnerId, d.ResellerName, d.OrderId,
            d.SupportContact is { } contact ? DesignatedSupportContactResource.From(contact) : null,
            d.MinimumQuantity, d.MaximumQuantity, d.BoughtDirectly || !d.IsActive, d.BoughtDirectly, d.AdvisorOfRecord, d.LastModifiedAt, d.LastModifiedBy)
        {
            Attributes = new(d.BoughtDirectly ? null : d.ETag, "Subscription"),
        };
    }
}

/// <summary>One subscription of the provider-wide list: Partner Center's <c>Subscription</c> plus its customer.</summary>
internal sealed record TenantSubscriptionResource(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string OfferId,
    string OfferName,
    string FriendlyName,
    string ProductFamily,
    string Segment,
    int Quantity,
    string UnitType,
    DateTimeOffset CreationDate,
    DateTimeOffset CommitmentEndDate,
    string Status,
    bool AutoRenewEnabled,
    string BillingCycle,
    string TermDuration,
    string? PartnerId)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("Subscription");

    public static TenantSubscriptionResource From(TenantSubscriptionRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Id, r.CustomerId, r.CustomerName, r.OfferId, r.OfferName, r.OfferName, r.ProductFamily, r.Segment, r.Quantity, "Licenses",
            r.CreatedAt, r.CommitmentEndsAt, r.Status.ToLowerInvariant(), r.AutoRenewEnabled, r.BillingCycle, r.TermDuration, r.ResellerPartnerId);
    }
}
