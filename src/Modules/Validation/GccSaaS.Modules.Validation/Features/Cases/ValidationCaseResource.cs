using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>A case as the API shows it to its submitting partner (and to reviewers).</summary>
internal sealed record ValidationCaseResource(
    Guid Id,
    string Kind,
    string State,
    string PartnerName,
    Guid CommercialTenantId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    string? DecisionReason,
    string? CustomerLegalName,
    string? CustomerDomain,
    IReadOnlyList<ValidationCaseEventResource> History,
    int Version,
    string SubmittedByName,
    IReadOnlyList<string> GovernmentEntitiesServed,
    bool HoldsDirectContracts,
    bool HoldsIndirectContracts,
    string? ContractVehicles,
    string? CustomerAddress,
    Guid? CustomerTenantId,
    string? CustomerContactName,
    string? CustomerContactEmail,
    string? CustomerContactPhone,
    string? EligibilityCategory,
    IReadOnlyList<string> RegulatedData,
    string SupportContact)
{
    public static ValidationCaseResource From(ValidationCase c, DateTimeOffset now, string supportContact = ValidationSupport.DefaultContact) => new(
        c.Id,
        c.Kind.ToString(),
        c.State.ToString(),
        c.PartnerName,
        c.CommercialTenantId,
        c.SubmittedAt,
        c.DueAt,
        c.IsOverdue(now),
        c.DecisionReason,
        c.CustomerLegalName,
        c.CustomerDomain,
        [.. c.Events.OrderBy(e => e.Sequence).Select(e => new ValidationCaseEventResource(e.OccurredAt, e.Action.ToString(), e.ToState.ToString(), e.ActorName, e.ByReviewer, e.Message))],
        c.Version,
        c.SubmittedByName,
        c.GovernmentEntitiesServed,
        c.HoldsDirectContracts,
        c.HoldsIndirectContracts,
        c.ContractVehicles,
        c.CustomerAddress,
        c.CustomerTenantId,
        c.CustomerContactName,
        c.CustomerContactEmail,
        c.CustomerContactPhone,
        c.EligibilityCategory?.ToString(),
        c.RegulatedData,
        supportContact);
}

internal sealed record ValidationCaseEventResource(DateTimeOffset At, string Action, string State, string By, bool ByReviewer, string? Message);

/// <summary>One line of a case list (the partner's own list and the review desk's queue).</summary>
internal sealed record ValidationCaseSummary(
    Guid Id,
    string Kind,
    string State,
    string PartnerName,
    string? CustomerLegalName,
    string? CustomerDomain,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    string SubmittedByName);

/// <summary>Which cases a tenant user may see (cases are platform-level: every filter is explicit).</summary>
internal static class OwnCases
{
    /// <summary>
    /// The tenant's own cases; a reseller user (R-VAL-6: acting in its provider's workspace) sees only the
    /// cases its organisation submitted.
    /// </summary>
    public static IQueryable<ValidationCase> VisibleTo(this IQueryable<ValidationCase> cases, Guid tenantId, CurrentUser? user)
    {
        var visible = cases.Where(c => c.SubmittedByTenantId == tenantId);
        if (user is { IsReseller: true })
        {
            var organisation = user.ResellerOrganisationId ?? Guid.Empty;
            visible = visible.Where(c => c.SubmittedForResellerOrganisationId == organisation);
        }

        return visible;
    }

    public static DomainRuleException NotFound() =>
        ValidationRefusal.Of(ValidationErrorCodes.CaseNotFound, DomainErrorKind.NotFound);

    public static void EnsureCurrentTenant(ITenantContextAccessor tenants, Guid tenantId)
    {
        if (tenants.RequireTenant().Id != tenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }
    }
}

/// <summary>One case of the current tenant; another tenant's case answers 404 like a missing one.</summary>
internal sealed record GetOwnValidationCaseQuery(Guid TenantId, Guid CaseId) : IRequest<ValidationCaseResource>;

internal sealed class GetOwnValidationCaseHandler(
    ValidationDbContext db,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    TimeProvider clock,
    Microsoft.Extensions.Configuration.IConfiguration configuration)
    : IRequestHandler<GetOwnValidationCaseQuery, ValidationCaseResource>
{
    public async Task<ValidationCaseResource> Handle(GetOwnValidationCaseQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OwnCases.EnsureCurrentTenant(tenants, request.TenantId);

        // Platform-level table: the tenant filter is explicit.
        var found = await db.Cases.AsNoTracking().Include(c => c.Events)
            .VisibleTo(request.TenantId, users.Current)
            .SingleOrDefaultAsync(c => c.Id == request.CaseId, cancellationToken)
            ?? throw OwnCases.NotFound();
        return ValidationCaseResource.From(found, clock.GetUtcNow(), ValidationSupport.ContactFrom(configuration));
    }
}

/// <summary>Keyset of the partner's own list: newest first by the (time-ordered, version 7) case id.</summary>
internal sealed record OwnCaseCursor(Guid Id);

/// <summary>
/// The tenant's cases, newest first (or, <paramref name="Oldest"/>, oldest first: the portal's <c>?sort=submitted</c>),
/// <paramref name="Take"/> rows after <paramref name="After"/>.
/// </summary>
internal sealed record ListOwnValidationCasesQuery(Guid TenantId, OwnCaseCursor? After, int Take, bool Oldest = false) : IRequest<IReadOnlyList<ValidationCaseSummary>>;

internal sealed class ListOwnValidationCasesHandler(ValidationDbContext db, ITenantContextAccessor tenants, ICurrentUserAccessor users, TimeProvider clock)
    : IRequestHandler<ListOwnValidationCasesQuery, IReadOnlyList<ValidationCaseSummary>>
{
    public async Task<IReadOnlyList<ValidationCaseSummary>> Handle(ListOwnValidationCasesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OwnCases.EnsureCurrentTenant(tenants, request.TenantId);
        var query = db.Cases.AsNoTracking().VisibleTo(request.TenantId, users.Current);
        if (request.After is { } after)
        {
            query = request.Oldest ? query.Where(c => c.Id.CompareTo(after.Id) > 0) : query.Where(c => c.Id.CompareTo(after.Id) < 0);
        }

        var now = clock.GetUtcNow();
        var ordered = request.Oldest ? query.OrderBy(c => c.Id) : query.OrderByDescending(c => c.Id);
        var rows = await ordered.Take(request.Take)
            .Select(c => new { c.Id, c.Kind, c.State, c.PartnerName, c.CustomerLegalName, c.CustomerDomain, c.SubmittedAt, c.DueAt, c.SubmittedByName })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(c => new ValidationCaseSummary(
            c.Id, c.Kind.ToString(), c.State.ToString(), c.PartnerName, c.CustomerLegalName, c.CustomerDomain, c.SubmittedAt, c.DueAt,
            ValidationDueDates.IsOverdue(c.DueAt, now), c.SubmittedByName))];
    }
}
