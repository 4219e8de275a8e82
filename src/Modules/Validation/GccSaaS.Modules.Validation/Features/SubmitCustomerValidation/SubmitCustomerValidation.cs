using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.Cases;

namespace GccSaaS.Modules.Validation.Features.SubmitCustomerValidation;

/// <summary>
/// R-VAL-5, R-VAL-6: any tenant user (provider or reseller) submits a customer's GCC validation on its behalf.
/// The tenant ID on the request is the transacting partner's commercial tenant ID — the workspace's
/// organisation, which for a reseller user is its indirect provider. <see cref="TenantId"/> is what a client
/// sent (null: filled in by the product); a different one is refused.
/// </summary>
internal sealed record SubmitCustomerValidationCommand(
    Guid? TenantId,
    string LegalName,
    string Domain,
    string Address,
    Guid? CustomerTenantId,
    string ContactName,
    string ContactEmail,
    string ContactPhone,
    CustomerEligibilityCategory? Category,
    IReadOnlyList<RegulatedGovernmentData> RegulatedData) : IRequest<ValidationCaseResource>;

internal sealed class SubmitCustomerValidationValidator : IRequestValidator<SubmitCustomerValidationCommand>
{
    public IEnumerable<ValidationFailure> Validate(SubmitCustomerValidationCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (field, value, max) in new[]
        {
            ("legalName", request.LegalName, 300),
            ("domain", request.Domain, 255),
            ("address", request.Address, 1000),
            ("contactName", request.ContactName, 300),
            ("contactEmail", request.ContactEmail, 320),
            ("contactPhone", request.ContactPhone, 50),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationFailure(field, "required", $"{field} is required.");
            }
            else if (value.Length > max)
            {
                yield return new ValidationFailure(field, "too_long", $"{field}: at most {max} characters.");
            }
        }

        if (!string.IsNullOrWhiteSpace(request.ContactPhone) && request.ContactPhone.Length <= ContactFormats.MaxPhoneLength && !ContactFormats.IsPhoneNumber(request.ContactPhone))
        {
            yield return new ValidationFailure("contactPhone", "invalid", "The phone number is digits with spaces, hyphens or brackets, e.g. +1 425 555 0100.");
        }

        if (!string.IsNullOrWhiteSpace(request.ContactEmail) && !EmailAddresses.IsValid(request.ContactEmail))
        {
            yield return new ValidationFailure("contactEmail", "invalid", "The contact's email address is not valid.");
        }

        if (!string.IsNullOrWhiteSpace(request.Domain) && (request.Domain.Contains(' ', StringComparison.Ordinal) || !request.Domain.Contains('.', StringComparison.Ordinal)))
        {
            yield return new ValidationFailure("domain", "invalid", "The domain is a name such as agency.onmicrosoft.com.");
        }

        if (request.Category is null || !Enum.IsDefined(request.Category.Value))
        {
            yield return new ValidationFailure("eligibilityCategory", "required", "Choose the customer's eligibility category.");
        }
        else if (request.Category == CustomerEligibilityCategory.CommercialWithRegulatedGovernmentData && request.RegulatedData.Count == 0)
        {
            yield return new ValidationFailure("regulatedData", "required", "Name the regulated government data the commercial entity holds (ITAR, CUI, CJI, ...).");
        }

        if (request.RegulatedData.Any(d => !Enum.IsDefined(d)))
        {
            yield return new ValidationFailure("regulatedData", "invalid", "Unknown regulated data.");
        }
    }
}

internal sealed class SubmitCustomerValidationHandler(
    ValidationDbContext db,
    IMediator mediator,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    IBusinessCalendar calendar,
    TimeProvider clock,
    IConfiguration configuration)
    : IRequestHandler<SubmitCustomerValidationCommand, ValidationCaseResource>
{
    public async Task<ValidationCaseResource> Handle(SubmitCustomerValidationCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current ?? throw new InvalidOperationException("No signed-in user.");
        var support = ValidationSupport.ContactFrom(configuration);

        // R-VAL-6: the transacting partner is the workspace's organisation (a reseller user's provider).
        var transacting = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        var commercialTenantId = ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(transacting, request.TenantId, support);
        var category = request.Category
            ?? throw new RequestValidationException([new ValidationFailure("eligibilityCategory", "required", "Choose the customer's eligibility category.")]);

        var submission = new CustomerCaseSubmission(
            tenant.Id,
            transacting.Id,
            transacting.LegalName,
            commercialTenantId,
            user.IsReseller ? user.ResellerOrganisationId : null,
            request.LegalName.Trim(),
            request.Domain.Trim().ToLowerInvariant(),
            request.Address.Trim(),
            request.CustomerTenantId,
            request.ContactName.Trim(),
            request.ContactEmail.Trim(),
            request.ContactPhone.Trim(),
            category,
            request.Category == CustomerEligibilityCategory.CommercialWithRegulatedGovernmentData
                ? [.. request.RegulatedData.Distinct().Select(d => d.ToString())]
                : []);
        var now = clock.GetUtcNow();
        var validationCase = ValidationCase.SubmitCustomerCase(submission, new ValidationActor(user.UserId, user.DisplayName, IsReviewer: false), calendar, now, CultureScope.CurrentLanguage);
        db.Cases.Add(validationCase);
        db.EnqueueNotification(ValidationAnnouncements.Submitted(validationCase, now), clock);
        return ValidationCaseResource.From(validationCase, now, support);
    }
}
