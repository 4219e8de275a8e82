using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.Modules.Validation.Features.DemoSeed;

/// <summary>
/// The demo's validation data for one tenant (contoso-distribution): its partner case, approved, with the code it
/// earned (R-VAL-4, R-PC-2) and the approval sent to Partners through the outbox; and one customer case submitted
/// for review, so the desk and the partner's list show something on first start.
/// </summary>
internal sealed class SeedDemoValidationHandler(
    ValidationDbContext db,
    IMediator mediator,
    ITenantContextAccessor tenants,
    IBusinessCalendar calendar,
    TimeProvider clock) : IRequestHandler<SeedDemoValidationCommand, int>
{
    private static readonly ValidationActor Partner = new(Guid.Empty, "Alex Agent", IsReviewer: false); // the demo admin agent (DemoAccounts)
    private static readonly ValidationActor Reviewer = new(Guid.Empty, "Robin Reviewer", IsReviewer: true); // the demo reviewer (DemoAccounts)

    public async Task<int> Handle(SeedDemoValidationCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new InvalidOperationException("Seed the demo validation data in the tenant's scope.");
        }

        if (await db.Cases.AnyAsync(c => c.SubmittedByTenantId == request.TenantId, cancellationToken)
            || await mediator.Send(new GetTenantPartnerOrganisationQuery(request.TenantId), cancellationToken) is not { } organisation)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var partnerCase = ValidationCase.SubmitPartnerCase(
            new PartnerCaseSubmission(request.TenantId, organisation.Id, organisation.LegalName, organisation.CommercialTenantId, ["Federal", "State", "Local"], true, true, "GSA Multiple Award Schedule (demo)"),
            Partner, calendar, now.AddDays(-7), "en");
        partnerCase.Apply(ValidationCaseAction.StartReview, null, Reviewer, calendar, now.AddDays(-6));
        partnerCase.Apply(ValidationCaseAction.Approve, null, Reviewer, calendar, now.AddDays(-6));
        db.Cases.Add(partnerCase);
        db.Codes.Add(new ValidationCode
        {
            TenantId = request.TenantId,
            ValidationId = ValidationCodePolicy.CodeFor(partnerCase.Id),
            CaseId = partnerCase.Id,
            PartnerOrganisationId = organisation.Id,
            PartnerId = organisation.PartnerId,
            OrganizationName = organisation.LegalName,
            MaxCreates = ValidationCodePolicy.MaxCreatesPerCode,
            RemainingCreates = ValidationCodePolicy.MaxCreatesPerCode,
            IssuedAt = now.AddDays(-6),
        });
        db.EnqueueNotification(new PartnerGccValidationApprovedNotification(request.TenantId, partnerCase.Id, organisation.Id, now.AddDays(-6)), clock);

        var customerCase = ValidationCase.SubmitCustomerCase(
            new CustomerCaseSubmission(
                request.TenantId, organisation.Id, organisation.LegalName, organisation.CommercialTenantId, null,
                "City of Bellevue Utilities", "bellevueutilities.onmicrosoft.com", "450 110th Ave NE, Bellevue, WA 98004",
                null, "Jordan Lee", "jordan.lee@bellevueutilities.example", "+1 425 555 0100",
                CustomerEligibilityCategory.UsLocalGovernment, []),
            Partner, calendar, now, "en");
        db.Cases.Add(customerCase);
        return 2;
    }
}
