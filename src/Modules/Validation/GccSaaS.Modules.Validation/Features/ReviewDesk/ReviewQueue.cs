using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.Cases;

namespace GccSaaS.Modules.Validation.Features.ReviewDesk;

/// <summary>
/// Keyset of the review queue: the due date (cases without one — waiting for the partner, or closed — after every
/// dated case) and the id.
/// </summary>
internal sealed record ReviewQueueCursor(DateTimeOffset Due, Guid Id);

/// <summary>
/// The review desk's queue across tenants (platform level), ordered by due date, overdue marked; filters kind and
/// state (no state: every open case).
/// </summary>
internal sealed record ListReviewQueueQuery(ValidationCaseKind? Kind, ValidationCaseState? State, ReviewQueueCursor? After, int Take)
    : IRequest<IReadOnlyList<ValidationCaseSummary>>;

internal sealed class ListReviewQueueHandler(ValidationDbContext db, DatabaseSession session, ICurrentUserAccessor users, TimeProvider clock) : IRequestHandler<ListReviewQueueQuery, IReadOnlyList<ValidationCaseSummary>>
{
    /// <summary>Where cases without a due date sort: after every real one.</summary>
    public static readonly DateTimeOffset NoDueDate = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<ValidationCaseSummary>> Handle(ListReviewQueueQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var desk = ReviewDeskAccess.Enter(users, session);
        var now = clock.GetUtcNow();
        var rows = await Query(request).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new ValidationCaseSummary(
            c.Id, c.Kind.ToString(), c.State.ToString(), c.PartnerName, c.CustomerLegalName, c.CustomerDomain, c.SubmittedAt, c.DueAt,
            ValidationDueDates.IsOverdue(c.DueAt, now), c.SubmittedByName))];
    }

    /// <summary>
    /// The page's query (what <see cref="Handle"/> sends; plan tests explain it). The due date is ordered as the index
    /// ix_cases_review_queue has it: the same COALESCE with the same constant (not a parameter), so the queue is read in
    /// index order and stops after one page (issue 19).
    /// </summary>
    internal IQueryable<ReviewQueueRow> Query(ListReviewQueueQuery request)
    {
        var query = db.Cases.AsNoTracking();
        query = request.State is { } state
            ? query.Where(c => c.State == state)
            : query.Where(c => c.State == ValidationCaseState.Submitted || c.State == ValidationCaseState.InReview || c.State == ValidationCaseState.InformationRequested);
        if (request.Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (request.After is { } after)
        {
            query = query.Where(c => (c.DueAt ?? EF.Constant(NoDueDate)) > after.Due
                || ((c.DueAt ?? EF.Constant(NoDueDate)) == after.Due && c.Id.CompareTo(after.Id) > 0));
        }

        return query.OrderBy(c => c.DueAt ?? EF.Constant(NoDueDate)).ThenBy(c => c.Id).Take(request.Take)
            .Select(c => new ReviewQueueRow(c.Id, c.Kind, c.State, c.PartnerName, c.CustomerLegalName, c.CustomerDomain, c.SubmittedAt, c.DueAt, c.SubmittedByName));
    }

    public static ReviewQueueCursor CursorOf(ValidationCaseSummary row) => new(row.DueAt ?? NoDueDate, row.Id);
}

/// <summary>One row of the review queue as read.</summary>
internal sealed record ReviewQueueRow(
    Guid Id, ValidationCaseKind Kind, ValidationCaseState State, string PartnerName, string? CustomerLegalName, string? CustomerDomain,
    DateTimeOffset SubmittedAt, DateTimeOffset? DueAt, string SubmittedByName);

/// <summary>How many cases are open and how many are past due (the desk's banner and figures).</summary>
internal sealed record ReviewQueueCounts(int Open, int Overdue);

internal sealed record CountReviewQueueQuery : IRequest<ReviewQueueCounts>;

internal sealed class CountReviewQueueHandler(ValidationDbContext db, DatabaseSession session, ICurrentUserAccessor users, TimeProvider clock) : IRequestHandler<CountReviewQueueQuery, ReviewQueueCounts>
{
    public async Task<ReviewQueueCounts> Handle(CountReviewQueueQuery request, CancellationToken cancellationToken)
    {
        using var desk = ReviewDeskAccess.Enter(users, session);
        var now = clock.GetUtcNow();
        var counts = await db.Cases.AsNoTracking()
            .Where(c => c.State == ValidationCaseState.Submitted || c.State == ValidationCaseState.InReview || c.State == ValidationCaseState.InformationRequested)
            .GroupBy(_ => 1)
            .Select(g => new { Open = g.Count(), Overdue = g.Count(c => c.DueAt != null && c.DueAt < now) })
            .SingleOrDefaultAsync(cancellationToken);
        return new ReviewQueueCounts(counts?.Open ?? 0, counts?.Overdue ?? 0);
    }
}

/// <summary>One case for the desk, whichever tenant submitted it.</summary>
internal sealed record GetReviewCaseQuery(Guid CaseId) : IRequest<ValidationCaseResource>;

internal sealed class GetReviewCaseHandler(ValidationDbContext db, DatabaseSession session, ICurrentUserAccessor users, TimeProvider clock, IConfiguration configuration) : IRequestHandler<GetReviewCaseQuery, ValidationCaseResource>
{
    public async Task<ValidationCaseResource> Handle(GetReviewCaseQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var desk = ReviewDeskAccess.Enter(users, session);
        var found = await db.Cases.AsNoTracking().Include(c => c.Events).SingleOrDefaultAsync(c => c.Id == request.CaseId, cancellationToken)
            ?? throw OwnCases.NotFound();
        return ValidationCaseResource.From(found, clock.GetUtcNow(), ValidationSupport.ContactFrom(configuration));
    }
}

internal static class ReviewFilters
{
    public static ValidationCaseKind? Kind(string? value) => ParseOrThrow<ValidationCaseKind>(value, "kind");

    public static ValidationCaseState? State(string? value) => ParseOrThrow<ValidationCaseState>(value, "state");

    private static T? ParseOrThrow<T>(string? value, string field)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new RequestValidationException([new ValidationFailure(field, "invalid", $"Use one of {string.Join(", ", Enum.GetNames<T>())}.")]);
    }
}
