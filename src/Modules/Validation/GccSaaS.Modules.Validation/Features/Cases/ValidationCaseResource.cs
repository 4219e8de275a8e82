using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

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
    IReadOnlyList<ValidationCaseEventResource> History)
{
    public static ValidationCaseResource From(ValidationCase c, DateTimeOffset now) => new(
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
        [.. c.Events.OrderBy(e => e.Sequence).Select(e => new ValidationCaseEventResource(e.OccurredAt, e.Action.ToString(), e.ToState.ToString(), e.ActorName, e.ByReviewer, e.Message))]);
}

internal sealed record ValidationCaseEventResource(DateTimeOffset At, string Action, string State, string By, bool ByReviewer, string? Message);

/// <summary>One case of the current tenant; another tenant's case answers 404 like a missing one.</summary>
internal sealed record GetOwnValidationCaseQuery(Guid TenantId, Guid CaseId) : IRequest<ValidationCaseResource>;

internal sealed class GetOwnValidationCaseHandler(ValidationDbContext db, ITenantContextAccessor tenants, TimeProvider clock)
    : IRequestHandler<GetOwnValidationCaseQuery, ValidationCaseResource>
{
    public async Task<ValidationCaseResource> Handle(GetOwnValidationCaseQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        // Platform-level table: the tenant filter is explicit.
        var found = await db.Cases.AsNoTracking().Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == request.CaseId && c.SubmittedByTenantId == request.TenantId, cancellationToken)
            ?? throw new DomainRuleException(ValidationErrorCodes.CaseNotFound, "There is no such validation case.", DomainErrorKind.NotFound);
        return ValidationCaseResource.From(found, clock.GetUtcNow());
    }
}
