using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.Cases;

namespace GccSaaS.Modules.Validation.Features.SubmitPartnerValidation;

/// <summary>
/// R-VAL-1: a direct-bill partner's Global admin submits the partner GCC validation with its commercial tenant
/// ID and its eligibility facts. Refusals: R-PAR-2, R-VAL-1, R-VAL-2 and the codes of <see cref="ValidationSubmissionRules"/>.
/// </summary>
internal sealed record SubmitPartnerValidationCommand(
    Guid CommercialTenantId,
    IReadOnlyList<string> GovernmentEntitiesServed,
    bool HoldsDirectContracts,
    bool HoldsIndirectContracts,
    string? ContractVehicles) : IRequest<ValidationCaseResource>;

internal sealed class SubmitPartnerValidationValidator : IRequestValidator<SubmitPartnerValidationCommand>
{
    public static readonly IReadOnlyList<string> Entities = ["Federal", "State", "Local", "Tribal"];

    public IEnumerable<ValidationFailure> Validate(SubmitPartnerValidationCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CommercialTenantId == Guid.Empty)
        {
            yield return new ValidationFailure("commercialTenantId", "required", "The commercial tenant ID (Microsoft ID) is required.");
        }

        if (request.GovernmentEntitiesServed.Any(e => !Entities.Contains(e)))
        {
            yield return new ValidationFailure("governmentEntitiesServed", "invalid", "Use Federal, State, Local or Tribal.");
        }

        if (request.GovernmentEntitiesServed.Count == 0 && !request.HoldsDirectContracts && !request.HoldsIndirectContracts
            && string.IsNullOrWhiteSpace(request.ContractVehicles))
        {
            yield return new ValidationFailure("governmentEntitiesServed", "eligibility_required", "Name the US government entities you serve or the contracts you hold.");
        }

        if (request.ContractVehicles is { Length: > 4000 })
        {
            yield return new ValidationFailure("contractVehicles", "too_long", "At most 4000 characters.");
        }
    }
}

internal sealed class SubmitPartnerValidationHandler(
    ValidationDbContext db,
    IMediator mediator,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    IBusinessCalendar calendar,
    TimeProvider clock,
    IConfiguration configuration)
    : IRequestHandler<SubmitPartnerValidationCommand, ValidationCaseResource>
{
    public async Task<ValidationCaseResource> Handle(SubmitPartnerValidationCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current ?? throw new InvalidOperationException("No signed-in user.");
        var organisation = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        var hasOpenCase = organisation is not null && await db.Cases.AnyAsync(
            c => c.Kind == ValidationCaseKind.Partner
                && c.PartnerOrganisationId == organisation.Id
                && c.State != ValidationCaseState.Approved && c.State != ValidationCaseState.Denied,
            cancellationToken);

        ValidationSubmissionRules.EnsurePartnerMaySubmit(organisation, request.CommercialTenantId, hasOpenCase, ValidationSupport.ContactFrom(configuration));

        var submission = new PartnerCaseSubmission(
            tenant.Id,
            organisation.Id,
            organisation.LegalName,
            organisation.CommercialTenantId,
            request.GovernmentEntitiesServed,
            request.HoldsDirectContracts,
            request.HoldsIndirectContracts,
            string.IsNullOrWhiteSpace(request.ContractVehicles) ? null : request.ContractVehicles.Trim());
        var now = clock.GetUtcNow();
        var validationCase = ValidationCase.SubmitPartnerCase(submission, new ValidationActor(user.UserId, user.DisplayName, IsReviewer: false), calendar, now, CultureScope.CurrentLanguage);
        db.Cases.Add(validationCase);
        db.EnqueueNotification(ValidationAnnouncements.Submitted(validationCase, now), clock);
        return ValidationCaseResource.From(validationCase, now);
    }
}
