using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners.Features.ListingRequests;

/// <summary>
/// R-PAR-5 over the API: the provider's Global admin asks (<c>/v1/profiles/listingrequests</c>), the platform
/// admin decides (<c>/v1/platform/listingrequests</c>, platform key).
/// </summary>
internal static class ListingRequestEndpoints
{
    public static RouteGroupBuilder MapListingRequestEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/profiles/listingrequests", RequestAsync)
            .RequireAuthorization(PartnersPolicies.CanRequestListingChange)
            .WithName("CreateListingRequest")
            .WithSummary("R-PAR-5: ask the platform operator to list, unlist or correct your entry in the official list of indirect providers.");
        v1.MapGet("/profiles/listingrequests", ListOwnAsync)
            .RequireAuthorization(GccSaaSPolicies.ProviderUser)
            .WithName("ListOwnListingRequests")
            .WithSummary("Your organisation's listing change requests, newest first.");

        var platform = v1.MapGroup("/platform/listingrequests").RequireAuthorization(GccSaaSPolicies.PlatformAdmin);
        platform.MapGet("/", ListAllAsync)
            .WithName("ListPlatformListingRequests")
            .WithSummary("The operator's queue, oldest first; ?state=Open|Approved|Declined (default Open).");
        platform.MapPost("/{id:guid}/approve", ApproveAsync)
            .WithName("ApproveListingRequest")
            .WithSummary("Approve: List sets and Unlist clears the officially-listed flag; the requester is told.");
        platform.MapPost("/{id:guid}/decline", DeclineAsync)
            .WithName("DeclineListingRequest")
            .WithSummary("Decline with a reason; the requester is told.");
        return v1;
    }

    private static async Task<IResult> RequestAsync(
        ListingRequestBody body, ITenantContextAccessor tenants, IMediator mediator, PartnersDbContext db, IStringLocalizer<PartnersResource> l, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        if (!Enum.TryParse<ListingChangeKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
        {
            throw new RequestValidationException([new("kind", "invalid_kind", l["Error_ListingKind"])]);
        }

        var id = await mediator.Send(new RequestListingChangeCommand(tenant.Id, kind, body.Text ?? string.Empty), cancellationToken);
        var created = await ListingRequestViews.Query(db).FirstAsync(v => v.Id == id, cancellationToken);
        return Results.Created($"/v1/profiles/listingrequests/{id}", ListingRequestResponse.From(created, forPlatform: false));
    }

    private static async Task<ResourceCollection<ListingRequestResponse>> ListOwnAsync(
        ContinuationPage<ListingCursor> page, ITenantContextAccessor tenants, PartnersDbContext db, CancellationToken cancellationToken)
    {
        var rows = await ListingRequestViews.ForTenant(db, tenants.RequireTenant().Id, page.After, page.Take).ToListAsync(cancellationToken);
        return page.ToCollection<ListingRequestResponse>([.. rows.Select(r => ListingRequestResponse.From(r, forPlatform: false))], r => new ListingCursor(r.RequestedAt, r.Id));
    }

    private static async Task<ResourceCollection<ListingRequestResponse>> ListAllAsync(
        string? state, ContinuationPage<ListingCursor> page, PartnersDbContext db, IStringLocalizer<PartnersResource> l, CancellationToken cancellationToken)
    {
        var wanted = ListingRequestState.Open;
        if (state is not null && (!Enum.TryParse(state, ignoreCase: true, out wanted) || !Enum.IsDefined(wanted) || int.TryParse(state, out _)))
        {
            throw new RequestValidationException([new("state", "invalid_state", l["Error_ListingState"])]);
        }

        var rows = await ListingRequestViews.Queue(db, wanted, page.After, page.Take).ToListAsync(cancellationToken);
        return page.ToCollection<ListingRequestResponse>([.. rows.Select(r => ListingRequestResponse.From(r, forPlatform: true))], r => new ListingCursor(r.RequestedAt, r.Id));
    }

    private static async Task<ListingRequestResponse> ApproveAsync(Guid id, ListingRequestDecisions decisions, PartnersDbContext db, CancellationToken cancellationToken)
    {
        await decisions.DecideAsync(id, approve: true, reason: null, cancellationToken);
        return ListingRequestResponse.From(await ListingRequestViews.Query(db).FirstAsync(v => v.Id == id, cancellationToken), forPlatform: true);
    }

    private static async Task<ListingRequestResponse> DeclineAsync(
        Guid id, DeclineBody? body, ListingRequestDecisions decisions, PartnersDbContext db, CancellationToken cancellationToken)
    {
        await decisions.DecideAsync(id, approve: false, body?.Reason, cancellationToken);
        return ListingRequestResponse.From(await ListingRequestViews.Query(db).FirstAsync(v => v.Id == id, cancellationToken), forPlatform: true);
    }
}

internal sealed record ListingRequestBody(string? Kind, string? Text);

internal sealed record DeclineBody(string? Reason);

internal sealed record ListingCursor(DateTimeOffset At, Guid Id);

/// <summary>A request with its organisation's name, read in one query (no N+1).</summary>
internal sealed class ListingRequestView
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public string OrganisationName { get; init; } = string.Empty;

    public string PartnerId { get; init; } = string.Empty;

    public bool OfficiallyListed { get; init; }

    public Guid RequestedByTenantId { get; init; }

    public string RequestedByName { get; init; } = string.Empty;

    public ListingChangeKind Kind { get; init; }

    public string Text { get; init; } = string.Empty;

    public ListingRequestState State { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? DecisionReason { get; init; }
}

/// <summary>The reads of listing requests: every read that serves a tenant filters by that tenant explicitly.</summary>
internal static class ListingRequestViews
{
    public const int PageSize = 25;

    public static IQueryable<ListingRequestView> Query(PartnersDbContext db) =>
        db.ListingChangeRequests.AsNoTracking().Join(
            db.PartnerOrganisations.AsNoTracking(),
            r => r.OrganisationId,
            o => o.Id,
            (r, o) => new ListingRequestView
            {
                Id = r.Id,
                OrganisationId = r.OrganisationId,
                OrganisationName = o.LegalName,
                PartnerId = o.PartnerId,
                OfficiallyListed = o.OfficiallyListed,
                RequestedByTenantId = r.RequestedByTenantId,
                RequestedByName = r.RequestedByName,
                Kind = r.Kind,
                Text = r.Text,
                State = r.State,
                RequestedAt = r.RequestedAt,
                DecidedAt = r.DecidedAt,
                DecisionReason = r.DecisionReason,
            });

    /// <summary>The tenant's own requests, newest first.</summary>
    public static IQueryable<ListingRequestView> ForTenant(PartnersDbContext db, Guid tenantId, ListingCursor? after, int take)
    {
        var query = Query(db).Where(v => v.RequestedByTenantId == tenantId);
        if (after is not null)
        {
            query = query.Where(v => v.RequestedAt < after.At || (v.RequestedAt == after.At && v.Id.CompareTo(after.Id) < 0));
        }

        return query.OrderByDescending(v => v.RequestedAt).ThenByDescending(v => v.Id).Take(take);
    }

    /// <summary>
    /// The operator's queue in one state, oldest first (or newest first when <paramref name="descending"/>): rows strictly
    /// after <paramref name="after"/> in that order, one range of the index on state, time and id read either way;
    /// <paramref name="search"/> (the portal's) matches any part of the organisation's name or its whole PartnerID.
    /// </summary>
    public static IQueryable<ListingRequestView> Queue(PartnersDbContext db, ListingRequestState state, ListingCursor? after, int take, bool descending = false, string? search = null)
    {
        var query = Query(db).Where(v => v.State == state);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var q = search.Trim();
            var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(v => EF.Functions.ILike(v.OrganisationName, pattern, "\\") || v.PartnerId == q);
        }

        if (after is not null)
        {
            query = descending
                ? query.Where(v => v.RequestedAt < after.At || (v.RequestedAt == after.At && v.Id.CompareTo(after.Id) < 0))
                : query.Where(v => v.RequestedAt > after.At || (v.RequestedAt == after.At && v.Id.CompareTo(after.Id) > 0));
        }

        var ordered = descending
            ? query.OrderByDescending(v => v.RequestedAt).ThenByDescending(v => v.Id)
            : query.OrderBy(v => v.RequestedAt).ThenBy(v => v.Id);
        return ordered.Take(take);
    }
}

/// <summary>A listing change request as the API shows it (the requesting tenant only to the operator).</summary>
internal sealed record ListingRequestResponse(
    Guid Id,
    Guid OrganizationId,
    string CompanyName,
    string PartnerId,
    string Kind,
    string Text,
    string State,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    Guid? RequestedByTenantId,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    bool OfficiallyListed,
    ListingRequestAttributes Attributes)
{
    public static ListingRequestResponse From(ListingRequestView v, bool forPlatform) => new(
        v.Id, v.OrganisationId, v.OrganisationName, v.PartnerId, v.Kind.ToString(), v.Text, v.State.ToString(), v.RequestedAt, v.RequestedByName,
        forPlatform ? v.RequestedByTenantId : null, v.DecidedAt, v.DecisionReason, v.OfficiallyListed, new ListingRequestAttributes("ListingChangeRequest"));
}

internal sealed record ListingRequestAttributes(string ObjectType);
