using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Resources;
using Npgsql;

namespace GccSaaS.Modules.Partners.Features.ListingRequests;

/// <summary>
/// R-PAR-5: an indirect provider's Global admin asks the platform operator to list, unlist or correct its
/// entry in the official list. One open request per organisation. The text is the provider's own words.
/// </summary>
internal sealed record RequestListingChangeCommand(Guid TenantId, ListingChangeKind Kind, string Text) : IRequest<Guid>;

internal sealed class RequestListingChangeValidator(IStringLocalizer<PartnersResource> l) : IRequestValidator<RequestListingChangeCommand>
{
    public IEnumerable<ValidationFailure> Validate(RequestListingChangeCommand request)
    {
        if (!Enum.IsDefined(request.Kind))
        {
            yield return new("kind", "invalid_kind", l["Error_ListingKind"]);
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > ListingRequestRules.MaxTextLength)
        {
            yield return new("text", "required", l["Error_ListingText"]);
        }
    }
}

internal sealed class RequestListingChangeHandler(
    PartnersDbContext db,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    TimeProvider clock,
    IStringLocalizer<PartnersResource> l)
    : IRequestHandler<RequestListingChangeCommand, Guid>
{
    public async Task<Guid> Handle(RequestListingChangeCommand request, CancellationToken cancellationToken)
    {
        // Only in the caller's own tenant, only as its Global admin (the page and endpoint check the policy first).
        if (tenants.Current is not { } tenant || tenant.Id != request.TenantId || users.Current is not { TenantRole: { } role } caller)
        {
            throw new DomainRuleException("tenant_not_found", l["Error_NotFound"], DomainErrorKind.NotFound);
        }

        if (!PartnersPolicies.Roles[PartnersPolicies.CanRequestListingChange].Contains(role))
        {
            throw new DomainRuleException("forbidden", l["Error_ListingGlobalAdminOnly"], DomainErrorKind.Forbidden);
        }

        var organisation = await db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.WorkspaceTenantId == tenant.Id, cancellationToken)
            ?? throw new DomainRuleException(PartnersErrorCodes.OrganizationNotLinked, l["Profile_NotLinked"], DomainErrorKind.NotFound);
        if (ListingRequestRules.Refusal(organisation.Type, organisation.OfficiallyListed, request.Kind) is { } refusal)
        {
            throw new DomainRuleException(refusal, l["Error_" + refusal]);
        }

        if (await db.ListingChangeRequests.AnyAsync(r => r.OrganisationId == organisation.Id && r.State == ListingRequestState.Open, cancellationToken))
        {
            throw AlreadyOpen();
        }

        var listingRequest = new ListingChangeRequest
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisation.Id,
            RequestedByTenantId = tenant.Id,
            RequestedByUserId = caller.UserId,
            RequestedByName = caller.DisplayName.Length > 200 ? caller.DisplayName[..200] : caller.DisplayName,
            RequestedWithApiKey = caller.ApiKeyId is not null,
            Kind = request.Kind,
            Text = request.Text.Trim(),
            State = ListingRequestState.Open,
            RequestedAt = clock.GetUtcNow(),
        };
        db.ListingChangeRequests.Add(listingRequest);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two requests at once: the partial unique index lets one through.
            throw AlreadyOpen();
        }

        return listingRequest.Id;
    }

    private DomainRuleException AlreadyOpen() =>
        new(PartnersErrorCodes.ListingRequestAlreadyOpen, l["Error_listing_request_already_open"], DomainErrorKind.Conflict);
}

/// <summary>What the operator decided, as the queue and the API show it.</summary>
internal sealed record ListingDecision(Guid RequestId, ListingRequestState State, bool OfficiallyListed);

/// <summary>
/// R-PAR-5: the platform admin approves (the flag changes for List/Unlist) or declines (with a reason) an open
/// request; the requesting user is told the outcome through the outbox. Sent in the requesting tenant's
/// context (<see cref="ListingRequestDecisions"/>) so the notification goes to that tenant's outbox.
/// </summary>
internal sealed record DecideListingRequestCommand(Guid RequestId, bool Approve, string? Reason) : IRequest<ListingDecision>;

internal sealed class DecideListingRequestHandler(
    PartnersDbContext db,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    TimeProvider clock,
    PlatformAuditSubject auditSubject,
    IStringLocalizer<PartnersResource> l)
    : IRequestHandler<DecideListingRequestCommand, ListingDecision>
{
    public async Task<ListingDecision> Handle(DecideListingRequestCommand request, CancellationToken cancellationToken)
    {
        if (users.Current is not { } caller || !caller.HasPlatformRole(GccSaaSRoles.PlatformAdmin))
        {
            throw new DomainRuleException("forbidden", l["Error_PlatformAdminOnly"], DomainErrorKind.Forbidden);
        }

        var reason = request.Reason?.Trim();
        if (!request.Approve && string.IsNullOrEmpty(reason))
        {
            throw new RequestValidationException([new("reason", PartnersErrorCodes.DeclineReasonRequired, l["Error_DeclineReason"])]);
        }

        if (reason is { Length: > ListingRequestRules.MaxTextLength })
        {
            throw new RequestValidationException([new("reason", "too_long", l["Error_ListingText"])]);
        }

        var listingRequest = await db.ListingChangeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.RequestId, cancellationToken)
            ?? throw new DomainRuleException(PartnersErrorCodes.ListingRequestNotFound, l["Error_listing_request_not_found"], DomainErrorKind.NotFound);
        var organisation = await db.PartnerOrganisations.FirstAsync(o => o.Id == listingRequest.OrganisationId, cancellationToken);
        // Decided outside the tenant's workspace (it is gone), the act is the platform's: its log files it under the tenant (issue 16).
        auditSubject.Concerns(listingRequest.RequestedByTenantId);
        var now = clock.GetUtcNow();
        var state = request.Approve ? ListingRequestState.Approved : ListingRequestState.Declined;

        // Guarded: of two operators deciding at once, one wins and the other gets 409.
        var decided = await db.ListingChangeRequests
            .Where(r => r.Id == listingRequest.Id && r.State == ListingRequestState.Open)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.State, state)
                    .SetProperty(r => r.DecidedAt, now)
                    .SetProperty(r => r.DecidedByUserId, caller.UserId)
                    .SetProperty(r => r.DecisionReason, string.IsNullOrEmpty(reason) ? null : reason),
                cancellationToken);
        if (decided != 1)
        {
            throw new DomainRuleException(PartnersErrorCodes.ListingRequestAlreadyDecided, l["Error_listing_request_already_decided"], DomainErrorKind.Conflict);
        }

        if (request.Approve)
        {
            if (listingRequest.Kind == ListingChangeKind.List && organisation.Type != Contracts.PartnerType.IndirectProvider)
            {
                throw new DomainRuleException(PartnersErrorCodes.ListingRequestsForIndirectProvidersOnly, l["Error_" + PartnersErrorCodes.ListingRequestsForIndirectProvidersOnly]);
            }

            var listed = ListingRequestRules.ListedAfterApproval(listingRequest.Kind, organisation.OfficiallyListed);
            if (listed != organisation.OfficiallyListed)
            {
                organisation.OfficiallyListed = listed;
                organisation.UpdatedAt = now;
            }
        }

        // The requester hears the outcome in their own workspace (when it is active and this runs in it); a
        // request made with an API key is answered to the tenant's Global admins.
        if (tenants.Current is { } tenant && tenant.Id == listingRequest.RequestedByTenantId)
        {
            // In the operator's language, and in every portal language for the requester's (issue 16 item 7).
            NotificationTranslation Decided(string culture) => new(
                culture,
                request.Approve ? l["Listing_ApprovedSubject"].Value : l["Listing_DeclinedSubject"].Value,
                request.Approve
                    ? string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Listing_ApprovedBody"].Value, l["ListingKind_" + listingRequest.Kind].Value)
                    : string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Listing_DeclinedBody"].Value, l["ListingKind_" + listingRequest.Kind].Value, reason));
            var text = Decided(CultureScope.CurrentLanguage);
            db.EnqueueNotification(
                new UserNotificationRequested(
                    tenant.Id, "ListingRequestDecided", text.Subject, text.Body,
                    RecipientUserId: listingRequest.RequestedWithApiKey ? null : listingRequest.RequestedByUserId,
                    RecipientRole: listingRequest.RequestedWithApiKey ? GccSaaSRoles.GlobalAdmin : null,
                    LinkUrl: $"/{tenant.Identifier}/profile",
                    Culture: text.Culture,
                    Translations: CultureScope.InEveryLanguage(Decided)),
                clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ListingDecision(listingRequest.Id, state, organisation.OfficiallyListed);
    }
}

/// <summary>
/// Sends a decision in the requesting tenant's context, so its notification is written to that tenant's
/// outbox (and its audit log records the decision). The request is found first, outside any tenant.
/// </summary>
internal sealed class ListingRequestDecisions(PartnersDbContext db, ITenantStore tenantStore, ITenantContextAccessor tenants, IMediator mediator, IStringLocalizer<PartnersResource> l)
{
    public async Task<ListingDecision> DecideAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        var requestedBy = await db.ListingChangeRequests.AsNoTracking()
            .Where(r => r.Id == requestId)
            .Select(r => (Guid?)r.RequestedByTenantId)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleException(PartnersErrorCodes.ListingRequestNotFound, l["Error_listing_request_not_found"], DomainErrorKind.NotFound);
        var command = new DecideListingRequestCommand(requestId, approve, reason);
        if (await tenantStore.FindByIdAsync(requestedBy, cancellationToken) is not { } tenant)
        {
            return await mediator.Send(command, cancellationToken);
        }

        using (tenants.BeginScope(tenant))
        {
            return await mediator.Send(command, cancellationToken);
        }
    }
}
