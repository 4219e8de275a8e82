using System.Globalization;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// R-PC-9: who the designated support contact is, as Partner Center shows it (<c>supportTenantId</c>, the partner's
/// commercial tenant ID; <c>supportMpnId</c>, its PartnerID; <c>name</c>): the provider by default, or a partnered reseller.
/// </summary>
internal sealed record SupportContactDetails(string Kind, Guid? OrganisationId, Guid? SupportTenantId, string? SupportMpnId, string Name);

/// <summary>
/// One subscription of a customer as its details page and <c>GET …/subscriptions/{id}</c> show it: what was bought,
/// its reseller of record (R-ORD-4) and support contact (R-ORD-5), the cancellation window, and its version (the ETag).
/// A subscription bought directly from the vendor (<see cref="BoughtDirectly"/>, R-ORD-6) carries only what the
/// vendor's record holds, and nothing about it can be changed.
/// </summary>
internal sealed record SubscriptionDetails(
    Guid Id,
    Guid CustomerId,
    Guid? OrderId,
    string? OfferId,
    string OfferName,
    string? ProductFamily,
    string? Segment,
    int Quantity,
    string? TermDuration,
    string? BillingCycle,
    string Status,
    bool AutoRenewEnabled,
    Guid? ResellerOrganisationId,
    string? ResellerPartnerId,
    string? ResellerName,
    SupportContactDetails? SupportContact,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CommitmentEndsAt,
    DateTimeOffset? CancellationWindowEndsAt,
    bool CancellationWindowOpen,
    int? MinimumQuantity,
    int? MaximumQuantity,
    bool OfferRetired,
    int Version,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? LastModifiedAt,
    string? LastModifiedBy,
    bool BoughtDirectly,
    string? AdvisorOfRecord)
{
    public bool IsActive => Status == SubscriptionLifecycle.Active;

    public string ETag => SubscriptionETags.For(Version);

    public static SubscriptionDetails Direct(DirectSubscriptionDto direct)
    {
        ArgumentNullException.ThrowIfNull(direct);
        return new(
            direct.Id, direct.CustomerTenantId, null, null, direct.OfferName, null, null, direct.Quantity, null, null, direct.Status, false,
            null, null, null, null, direct.PurchasedAt, null, null, false, null, null, false, 1, null, null, null, true, direct.AdvisorOfRecord);
    }
}

/// <summary>
/// The ETag of a subscription: its version, quoted (<c>"v3"</c>). <c>If-Match</c> matches when it names the current one
/// (a list is allowed, as HTTP allows it; <c>*</c> is not accepted, since it would overwrite whatever changed meanwhile).
/// </summary>
internal static class SubscriptionETags
{
    public static string For(int version) => "\"v" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static bool Matches(string? ifMatch, int version)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return false;
        }

        var current = For(version);
        return ifMatch.Split(',').Any(tag => string.Equals(tag.Trim(), current, StringComparison.Ordinal));
    }
}

/// <summary>R-ORD-4, R-ORD-5, R-ORD-6: one subscription of a customer the caller may reach (<see cref="OrderingScope"/>), or 404.</summary>
internal sealed record GetSubscriptionDetailsQuery(Guid TenantId, Guid CustomerId, Guid SubscriptionId) : IRequest<SubscriptionDetails>;

/// <summary>R-ORD-6, R-REL-6: the subscriptions the customer bought directly from the vendor (read-only), oldest first.</summary>
internal sealed record ListDirectSubscriptionsQuery(Guid TenantId, Guid CustomerId) : IRequest<IReadOnlyList<SubscriptionDetails>>;

/// <summary>How subscriptions are found (the caller has reached the customer), locked and shown.</summary>
internal sealed class SubscriptionStore(OrderingDbContext db, OrderingScope scope, IMediator mediator, OrderingRefusals refusals, TimeProvider clock)
{
    /// <summary>
    /// The subscription, or null. To read: untracked. <paramref name="forUpdate"/>: its row locked for the rest of the
    /// transaction first, then read as it now is (tracked, and reloaded if this scope had read it before the lock), so a
    /// change always starts from the committed version.
    /// </summary>
    public async Task<Subscription?> FindAsync(Guid tenantId, Guid customerId, Guid subscriptionId, bool forUpdate, CancellationToken cancellationToken)
    {
        if (!forUpdate)
        {
            return await db.Subscriptions.AsNoTracking()
                .FirstOrDefaultAsync(s => s.TenantId == tenantId && s.CustomerId == customerId && s.Id == subscriptionId, cancellationToken);
        }

        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM ordering.subscriptions WHERE tenant_id = {tenantId} AND id = {subscriptionId} FOR UPDATE", cancellationToken);
        var subscription = await db.Subscriptions
            .FirstOrDefaultAsync(s => s.TenantId == tenantId && s.CustomerId == customerId && s.Id == subscriptionId, cancellationToken);
        if (subscription is not null)
        {
            await db.Entry(subscription).ReloadAsync(cancellationToken);
        }

        return subscription;
    }

    /// <summary>The customer's subscription bought directly from the vendor with this id, or null (R-ORD-6).</summary>
    public async Task<DirectSubscriptionDto?> FindDirectAsync(Guid tenantId, Guid customerId, Guid subscriptionId, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetDirectSubscriptionsQuery(tenantId, customerId, scope.ResellerLimit), cancellationToken))
            .FirstOrDefault(s => s.Id == subscriptionId);

    /// <summary>
    /// The subscription to change: locked; one bought directly is refused (R-ORD-6), one that does not exist is 404.
    /// </summary>
    public async Task<Subscription> FindChangeableAsync(Guid tenantId, Guid customerId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(tenantId, customerId, subscriptionId, forUpdate: true, cancellationToken);
        if (subscription is not null)
        {
            return subscription;
        }

        if (await FindDirectAsync(tenantId, customerId, subscriptionId, cancellationToken) is { } direct)
        {
            throw refusals.Refuse(OrderingErrorCodes.SubscriptionBoughtDirectly, DomainErrorKind.RuleViolated, direct.OfferName, direct.AdvisorOfRecord);
        }

        throw refusals.Refuse(OrderingErrorCodes.SubscriptionNotFound, DomainErrorKind.NotFound, subscriptionId);
    }

    /// <summary>The offer the subscription was bought from (offers are never deleted; retired ones stay).</summary>
    public async Task<OfferDto?> OfferAsync(string offerId, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetOffersQuery([offerId]), cancellationToken)).GetValueOrDefault(offerId);

    public async Task<SubscriptionDetails> DetailsAsync(Guid tenantId, Subscription s, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s);
        var offer = await OfferAsync(s.OfferId, cancellationToken);
        var reseller = s.ResellerOrganisationId is { } resellerId
            ? await mediator.Send(new GetPartnerOrganisationQuery(resellerId), cancellationToken)
            : null;
        var support = await SupportContactAsync(tenantId, s.SupportContactKind, s.SupportContactOrganisationId, cancellationToken);
        var windowEnds = SubscriptionRules.CancellationWindowEndsAt(s.CreatedAt, s.RenewedAt);
        return new SubscriptionDetails(
            s.Id, s.CustomerId, s.OrderId, s.OfferId, s.OfferName, s.ProductFamily, s.Segment, s.Quantity, s.TermDuration, s.BillingCycle,
            s.Status, s.AutoRenewEnabled, s.ResellerOrganisationId, s.ResellerPartnerId, reseller?.LegalName, support,
            s.CreatedAt, s.CommitmentEndsAt, windowEnds, s.Status == SubscriptionLifecycle.Active && clock.GetUtcNow() < windowEnds,
            offer?.MinimumQuantity, offer?.MaximumQuantity, offer?.Retired == true, s.Version, s.CancelledAt, s.LastModifiedAt, s.LastModifiedBy,
            false, null);
    }

    /// <summary>R-PC-9: the contact in Partner Center's shape: the provider's organisation by default, else the reseller's.</summary>
    public async Task<SupportContactDetails> SupportContactAsync(Guid tenantId, string kind, Guid? organisationId, CancellationToken cancellationToken)
    {
        var organisation = kind == SupportContactKinds.Reseller && organisationId is { } id
            ? await mediator.Send(new GetPartnerOrganisationQuery(id), cancellationToken)
            : await mediator.Send(new GetTenantPartnerOrganisationQuery(tenantId), cancellationToken);
        return new SupportContactDetails(
            kind,
            kind == SupportContactKinds.Reseller ? organisationId : organisation?.Id,
            organisation?.CommercialTenantId,
            organisation?.PartnerId,
            organisation?.LegalName ?? string.Empty);
    }
}

internal sealed class SubscriptionDetailsHandlers(OrderingScope scope, SubscriptionStore store, IMediator mediator, OrderingRefusals refusals)
    : IRequestHandler<GetSubscriptionDetailsQuery, SubscriptionDetails>,
      IRequestHandler<ListDirectSubscriptionsQuery, IReadOnlyList<SubscriptionDetails>>
{
    public async Task<SubscriptionDetails> Handle(GetSubscriptionDetailsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await scope.CustomerAsync(request.TenantId, request.CustomerId, cancellationToken);
        if (await store.FindAsync(request.TenantId, request.CustomerId, request.SubscriptionId, forUpdate: false, cancellationToken) is { } subscription)
        {
            return await store.DetailsAsync(request.TenantId, subscription, cancellationToken);
        }

        return await store.FindDirectAsync(request.TenantId, request.CustomerId, request.SubscriptionId, cancellationToken) is { } direct
            ? SubscriptionDetails.Direct(direct)
            : throw refusals.Refuse(OrderingErrorCodes.SubscriptionNotFound, DomainErrorKind.NotFound, request.SubscriptionId);
    }

    public async Task<IReadOnlyList<SubscriptionDetails>> Handle(ListDirectSubscriptionsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await scope.CustomerAsync(request.TenantId, request.CustomerId, cancellationToken);
        var direct = await mediator.Send(new GetDirectSubscriptionsQuery(request.TenantId, request.CustomerId, scope.ResellerLimit), cancellationToken);
        return [.. direct.Select(SubscriptionDetails.Direct)];
    }
}
