using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>
/// R-VAL-7: the submitting partner answers the reviewer's information request; the case goes back to
/// InReview and the clock restarts with two business days from the answer (docs/adr/0010).
/// </summary>
internal sealed record AnswerInformationRequestCommand(Guid CaseId, string Answer) : IRequest<ValidationCaseResource>;

internal sealed class AnswerInformationRequestValidator : IRequestValidator<AnswerInformationRequestCommand>
{
    public IEnumerable<ValidationFailure> Validate(AnswerInformationRequestCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Answer is { Length: > 4000 })
        {
            yield return new ValidationFailure("answer", "too_long", "At most 4000 characters.");
        }
    }
}

internal sealed class AnswerInformationRequestHandler(
    ValidationDbContext db,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    IBusinessCalendar calendar,
    TimeProvider clock,
    IConfiguration configuration)
    : IRequestHandler<AnswerInformationRequestCommand, ValidationCaseResource>
{
    public async Task<ValidationCaseResource> Handle(AnswerInformationRequestCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current ?? throw new InvalidOperationException("No signed-in user.");
        await CaseConcurrency.LockAsync(db, request.CaseId, cancellationToken);
        var found = await db.Cases.Include(c => c.Events)
            .VisibleTo(tenant.Id, user)
            .SingleOrDefaultAsync(c => c.Id == request.CaseId, cancellationToken)
            ?? throw OwnCases.NotFound();

        var now = clock.GetUtcNow();
        found.Apply(ValidationCaseAction.AnswerInformationRequest, request.Answer, new ValidationActor(user.UserId, user.DisplayName, IsReviewer: false), calendar, now);
        await CaseConcurrency.SaveAsync(db, cancellationToken);
        return ValidationCaseResource.From(found, now, ValidationSupport.ContactFrom(configuration));
    }
}
