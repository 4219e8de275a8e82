using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.SubmitCustomerValidation;

/// <summary>
/// <c>/{tenant}/validation/customers/new</c> (R-VAL-5, R-VAL-6): the customer GCC validation form, for any tenant
/// role. The tenant ID is the transacting partner's commercial tenant ID — the workspace's organisation, a reseller
/// user's indirect provider — shown locked and never taken from the form. <c>?domain=&amp;company=</c> pre-fill it
/// (the Customers "Add customer" page links here: "What's this?").
/// </summary>
[Authorize(Policy = ValidationPolicies.CanSubmitCustomerValidation)]
internal sealed class SubmitCustomerValidationPageModel(IMediator mediator, ITenantContextAccessor tenants, IStringLocalizer<ValidationResource> text) : PortalPageModel(mediator)
{
    public PartnerOrganisationDto? TransactingPartner { get; private set; }

    [BindProperty]
    public SubmitCustomerValidationForm Form { get; set; } = new();


    public bool PartnerQualified => TransactingPartner?.HasQualification(PartnerQualifications.GovernmentCommunityCloud) == true;

    public async Task OnGetAsync(string? domain, string? company, CancellationToken cancellationToken)
    {
        Form.Domain = domain;
        Form.LegalName = company;
        TransactingPartner = await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenants.RequireTenant().Id), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            Guid? customerTenantId = null;
            if (!string.IsNullOrWhiteSpace(Form.CustomerTenantId))
            {
                customerTenantId = Guid.TryParse(Form.CustomerTenantId, out var parsed) ? parsed
                    : throw new RequestValidationException([new ValidationFailure("customerTenantId", "invalid", "The customer's tenant ID is a GUID.")]);
            }

            // The tenant ID is never read from the form: the product fills in the transacting partner's (R-VAL-6).
            var created = await Mediator.Send(
                new SubmitCustomerValidationCommand(
                    null,
                    Form.LegalName ?? string.Empty,
                    Form.Domain ?? string.Empty,
                    Form.Address ?? string.Empty,
                    customerTenantId,
                    Form.ContactName ?? string.Empty,
                    Form.ContactEmail ?? string.Empty,
                    Form.ContactPhone ?? string.Empty,
                    Form.Category,
                    [.. Form.RegulatedData]),
                cancellationToken);
            TempData["Status"] = text["Case_Submitted"].Value;
            return Redirect($"/{tenant.Identifier}/validation/{created.Id}");
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        TransactingPartner = await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        return Page();
    }
}

internal sealed class SubmitCustomerValidationForm
{
    public string? LegalName { get; set; }

    public string? Domain { get; set; }

    public string? Address { get; set; }

    public string? CustomerTenantId { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public CustomerEligibilityCategory? Category { get; set; }

    public IList<RegulatedGovernmentData> RegulatedData { get; set; } = [];
}
