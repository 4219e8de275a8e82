using GccSaaS.Modules.Ordering.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Resources;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// Changes a subscription after purchase (the body of <c>PATCH …/subscriptions/{id}</c> and the forms of its details
/// page): the license count, auto-renew, the status (<c>Deleted</c> cancels) and the reseller of record's PartnerID
/// (R-ORD-4). A null field is left as it is. <paramref name="IfMatch"/> is the ETag the editor saw: required, and it
/// must still be the subscription's, so two editors never silently overwrite each other.
/// </summary>
internal sealed record ChangeSubscriptionCommand(
    Guid TenantId,
    Guid CustomerId,
    Guid SubscriptionId,
    string? IfMatch,
    int? Quantity,
    bool? AutoRenewEnabled,
    string? Status,
    string? ResellerPartnerId) : IRequest<SubscriptionDetails>;

/// <summary>
/// R-ORD-5, R-PC-9: sets the designated support contact: the provider itself (its own PartnerID, the default) or one of
/// its partnered resellers, named by PartnerID; <paramref name="SupportTenantId"/>, when given, must be that partner's
/// commercial tenant ID. <paramref name="IfMatch"/> is optional here (Partner Center's PUT has none); when given it must match.
/// </summary>
internal sealed record SetSupportContactCommand(
    Guid TenantId,
    Guid CustomerId,
    Guid SubscriptionId,
    string? IfMatch,
    Guid? SupportTenantId,
    string SupportMpnId) : IRequest<SubscriptionDetails>;

/// <summary>Checks a PartnerID before anything is changed, for the details page's Verify button (R-ORD-4, R-PAR-4).</summary>
internal sealed record VerifyResellerQuery(Guid TenantId, string PartnerId) : IRequest<ResellerVerification>;

/// <summary>The answer of <see cref="VerifyResellerQuery"/>: the partnered reseller, or the problem that refuses it.</summary>
internal sealed record ResellerVerification(string PartnerId, PartneredReseller? Reseller, CheckoutProblem? Problem);

/// <summary>A reseller the provider is partnered with (active partnership), as the directory knows it.</summary>
internal sealed record PartneredReseller(Guid OrganisationId, string PartnerId, string Name, Guid CommercialTenantId);

internal sealed class SubscriptionChangeInputRules(IStringLocalizer<OrderingResource> o) : IRequestValidator<ChangeSubscriptionCommand>, IRequestValidator<SetSupportContactCommand>
{
    public const int MaxQuantity = 100_000;

    public IEnumerable<ValidationFailure> Validate(ChangeSubscriptionCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Quantity is { } quantity && (quantity < 1 || quantity > MaxQuantity))
        {
            yield return new("quantity", "out_of_range", o["Input_Quantity", MaxQuantity]);
        }

        if (request.Status is not null && SubscriptionLifecycle.Normalize(request.Status) is null)
        {
            yield return new("status", "invalid", o["Input_Status"]);
        }

        if (request.ResellerPartnerId is { } partnerId && !PartnerIds.IsWellFormed(partnerId))
        {
            yield return new("partnerId", "invalid", o["Input_PartnerId"]);
        }
    }

    public IEnumerable<ValidationFailure> Validate(SetSupportContactCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!PartnerIds.IsWellFormed(request.SupportMpnId))
        {
            yield return new("supportMpnId", "invalid", o["Input_SupportMpnId"]);
        }
    }
}

internal static class PartnerIds
{
    public static bool IsWellFormed(string? partnerId) =>
        partnerId is { Length: > 0 and <= 20 } && partnerId.All(char.IsAsciiDigit);
}

/// <summary>
/// Who may be credited or designated (R-ORD-4, R-ORD-5, R-PC-7, R-PC-9), asked of Partners and Relationships through
/// their contracts: a PartnerID that verifies as an indirect reseller with the partner agreement signed in the
/// provider's region, whose partnership with the provider is active. A reseller whose partnership was removed can no
/// longer be chosen; the subscriptions already crediting it keep it (nothing here touches them).
/// </summary>
internal sealed class PartneredResellers(IMediator mediator)
{
    public async Task<ResellerVerification> VerifyAsync(Guid tenantId, string partnerId, PartnerOrganisationDto? provider, CancellationToken cancellationToken)
    {
        if (provider is not null && string.Equals(provider.PartnerId, partnerId, StringComparison.Ordinal))
        {
            return new(partnerId, null, new CheckoutProblem(OrderingErrorCodes.ProviderCannotBeResellerOfRecord));
        }

        var verification = await mediator.Send(new VerifyPartnerIdQuery(tenantId, partnerId), cancellationToken);
        if (!verification.IsUsable || verification.PartnerOrganisationId is not { } organisationId)
        {
            return new(partnerId, null, new CheckoutProblem(verification.Code ?? "unknown_partner_id", Arguments: [partnerId]));
        }

        var partnership = await mediator.Send(new GetPartnershipQuery(tenantId, organisationId), cancellationToken);
        if (partnership is not { Status: PartnershipStatus.Active })
        {
            return new(partnerId, null, new CheckoutProblem(OrderingErrorCodes.ResellerPartnershipNotActive));
        }

        var organisation = await mediator.Send(new GetPartnerOrganisationQuery(organisationId), cancellationToken);
        return new(partnerId, new PartneredReseller(organisationId, partnerId, organisation?.LegalName ?? partnership.ResellerName, organisation?.CommercialTenantId ?? Guid.Empty), null);
    }
}

internal sealed class ChangeSubscriptionHandlers(
    OrderingDbContext db,
    OrderingScope scope,
    SubscriptionStore store,
    PartneredResellers resellers,
    OrderingRefusals refusals,
    IMediator mediator,
    ITenantContextAccessor tenants,
    TimeProvider clock)
    : IRequestHandler<ChangeSubscriptionCommand, SubscriptionDetails>,
      IRequestHandler<SetSupportContactCommand, SubscriptionDetails>,
      IRequestHandler<VerifyResellerQuery, ResellerVerification>
{
    public async Task<SubscriptionDetails> Handle(ChangeSubscriptionCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureTenant(request.TenantId);
        await scope.CustomerToChangeAsync(request.TenantId, request.CustomerId, cancellationToken);
        var subscription = await store.FindChangeableAsync(request.TenantId, request.CustomerId, request.SubscriptionId, cancellationToken);
        var named = request.ResellerPartnerId?.Trim();
        var newReseller = named is not null && !string.Equals(named, subscription.ResellerPartnerId, StringComparison.Ordinal) ? named : null;
        if (newReseller is not null && scope.IsReseller)
        {
            // R-ORD-4: crediting a reseller is the provider's act; a reseller user is refused before anything else is said.
            throw refusals.Refuse(OrderingErrorCodes.ProviderUsersOnly, DomainErrorKind.Forbidden);
        }

        EnsureCurrent(subscription, request.IfMatch, required: true);
        var offer = await store.OfferAsync(subscription.OfferId, cancellationToken);
        var facts = new SubscriptionFacts(
            subscription.Status, subscription.Quantity, subscription.AutoRenewEnabled, subscription.CreatedAt, subscription.RenewedAt,
            subscription.OfferName, offer?.MinimumQuantity ?? 1, offer?.MaximumQuantity ?? subscription.Quantity, offer?.Retired ?? true);
        var now = clock.GetUtcNow();
        var plan = SubscriptionRules.Evaluate(
            facts, new SubscriptionChangeRequest(request.Quantity, request.AutoRenewEnabled, SubscriptionLifecycle.Normalize(request.Status)), now);
        if (plan.Refused)
        {
            throw Refuse(plan.Problems[0]);
        }

        var changes = plan.Changes.ToList();
        PartneredReseller? reseller = null;
        if (newReseller is not null)
        {
            if (subscription.Status != SubscriptionLifecycle.Active)
            {
                throw Refuse(new CheckoutProblem(OrderingErrorCodes.SubscriptionNotActive));
            }

            var provider = await mediator.Send(new GetTenantPartnerOrganisationQuery(request.TenantId), cancellationToken);
            var verification = await resellers.VerifyAsync(request.TenantId, newReseller, provider, cancellationToken);
            reseller = verification.Reseller ?? throw Refuse(ProblemOf(verification));
            changes.Add(new(SubscriptionRules.ResellerField, subscription.ResellerPartnerId, reseller.PartnerId));
        }

        if (changes.Count == 0)
        {
            return await store.DetailsAsync(request.TenantId, subscription, cancellationToken); // the same values again: nothing to write
        }

        foreach (var change in changes)
        {
            switch (change.Field)
            {
                case SubscriptionRules.QuantityField:
                    subscription.Quantity = request.Quantity ?? subscription.Quantity;
                    break;
                case SubscriptionRules.AutoRenewField:
                    subscription.AutoRenewEnabled = request.AutoRenewEnabled ?? subscription.AutoRenewEnabled;
                    break;
                case SubscriptionRules.StatusField:
                    subscription.Status = SubscriptionLifecycle.Deleted;
                    subscription.CancelledAt = now;
                    subscription.AutoRenewEnabled = false; // a cancelled subscription never renews
                    break;
                case SubscriptionRules.ResellerField when reseller is not null:
                    subscription.ResellerOrganisationId = reseller.OrganisationId;
                    subscription.ResellerPartnerId = reseller.PartnerId;
                    break;
            }
        }

        return await SaveAsync(request.TenantId, subscription, changes, now, cancellationToken);
    }

    public async Task<SubscriptionDetails> Handle(SetSupportContactCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureTenant(request.TenantId);
        await scope.CustomerToChangeAsync(request.TenantId, request.CustomerId, cancellationToken);
        var subscription = await store.FindChangeableAsync(request.TenantId, request.CustomerId, request.SubscriptionId, cancellationToken);
        if (scope.IsReseller)
        {
            throw refusals.Refuse(OrderingErrorCodes.ProviderUsersOnly, DomainErrorKind.Forbidden);
        }

        EnsureCurrent(subscription, request.IfMatch, required: false);
        if (subscription.Status != SubscriptionLifecycle.Active)
        {
            throw Refuse(new CheckoutProblem(OrderingErrorCodes.SubscriptionNotActive));
        }

        var mpnId = request.SupportMpnId.Trim();
        var provider = await mediator.Send(new GetTenantPartnerOrganisationQuery(request.TenantId), cancellationToken);
        string kind;
        Guid? organisationId;
        Guid tenantIdOfContact;
        if (provider is not null && string.Equals(provider.PartnerId, mpnId, StringComparison.Ordinal))
        {
            // The default again: the provider itself.
            (kind, organisationId, tenantIdOfContact) = (SupportContactKinds.Provider, null, provider.CommercialTenantId);
        }
        else
        {
            var verification = await resellers.VerifyAsync(request.TenantId, mpnId, provider, cancellationToken);
            var reseller = verification.Reseller ?? throw Refuse(ProblemOf(verification));
            (kind, organisationId, tenantIdOfContact) = (SupportContactKinds.Reseller, reseller.OrganisationId, reseller.CommercialTenantId);
        }

        if (request.SupportTenantId is { } given && given != tenantIdOfContact)
        {
            throw refusals.Refuse(OrderingErrorCodes.SupportTenantIdMismatch, DomainErrorKind.RuleViolated, given, mpnId);
        }

        if (kind == subscription.SupportContactKind && organisationId == subscription.SupportContactOrganisationId)
        {
            return await store.DetailsAsync(request.TenantId, subscription, cancellationToken);
        }

        var before = await store.SupportContactAsync(request.TenantId, subscription.SupportContactKind, subscription.SupportContactOrganisationId, cancellationToken);
        subscription.SupportContactKind = kind;
        subscription.SupportContactOrganisationId = organisationId;
        return await SaveAsync(
            request.TenantId, subscription, [new(SubscriptionRules.SupportContactField, before.SupportMpnId, mpnId)], clock.GetUtcNow(), cancellationToken);
    }

    public async Task<ResellerVerification> Handle(VerifyResellerQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var partnerId = request.PartnerId.Trim();
        if (!PartnerIds.IsWellFormed(partnerId))
        {
            return new(partnerId, null, new CheckoutProblem("unknown_partner_id", Arguments: [partnerId]));
        }

        var provider = await mediator.Send(new GetTenantPartnerOrganisationQuery(request.TenantId), cancellationToken);
        return await resellers.VerifyAsync(request.TenantId, partnerId, provider, cancellationToken);
    }

    /// <summary>One more version, who and when, the outbox event with what moved; the audit entry is the pipeline's.</summary>
    private async Task<SubscriptionDetails> SaveAsync(
        Guid tenantId, Subscription subscription, IReadOnlyList<SubscriptionFieldChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        subscription.Version++;
        subscription.LastModifiedAt = now;
        subscription.LastModifiedBy = scope.ActorName;
        db.EnqueueNotification(
            new SubscriptionChangedNotification(
                tenantId,
                subscription.Id,
                subscription.CustomerId,
                [.. changes.Select(c => new SubscriptionChangedField(c.Field, c.From, c.To))],
                subscription.Quantity,
                subscription.AutoRenewEnabled,
                subscription.Status,
                subscription.ResellerOrganisationId,
                subscription.ResellerPartnerId,
                subscription.SupportContactKind,
                subscription.SupportContactOrganisationId,
                subscription.Version,
                scope.User?.UserId,
                scope.ActorName,
                now),
            clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The row is locked for this transaction, so this is a safety net only. Nothing of the refused change may stay
            // in the context for a later request of the scope to save.
            db.ChangeTracker.Clear();
            throw refusals.Refuse(OrderingErrorCodes.SubscriptionEtagStale, DomainErrorKind.Conflict);
        }

        return await store.DetailsAsync(tenantId, subscription, cancellationToken);
    }

    private void EnsureCurrent(Subscription subscription, string? ifMatch, bool required)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            if (required)
            {
                throw refusals.Refuse(OrderingErrorCodes.IfMatchRequired);
            }

            return;
        }

        if (!SubscriptionETags.Matches(ifMatch, subscription.Version))
        {
            throw refusals.Refuse(OrderingErrorCodes.SubscriptionEtagStale, DomainErrorKind.Conflict);
        }
    }

    private static CheckoutProblem ProblemOf(ResellerVerification verification) =>
        verification.Problem ?? new CheckoutProblem("unknown_partner_id", Arguments: [verification.PartnerId]);

    private DomainRuleException Refuse(CheckoutProblem problem) =>
        problem.Code == OrderingErrorCodes.SubscriptionNotActive
            ? refusals.Refuse(problem.Code, DomainErrorKind.Conflict, problem.Arguments ?? [])
            : refusals.Refuse(problem);

    private void EnsureTenant(Guid tenantId)
    {
        if (tenants.RequireTenant().Id != tenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }
    }
}
