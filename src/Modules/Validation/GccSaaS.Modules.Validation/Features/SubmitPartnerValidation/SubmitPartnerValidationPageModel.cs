using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.SubmitPartnerValidation;

/// <summary>
/// <c>/{tenant}/validation/partner</c>: the Global admin's partner GCC validation form (R-VAL-1): the commercial
/// tenant ID (pre-filled with the directory's Microsoft ID; R-VAL-2 refuses the Azure GCC one) and the eligibility facts.
/// </summary>
[Authorize(Policy = ValidationPolicies.CanSubmitPartnerValidation)]
internal sealed class SubmitPartnerValidationPageModel(IMediator mediator, ITenantContextAccessor tenants, IStringLocalizer<ValidationResource> text) : PortalPageModel(mediator)
{
    public PartnerOrganisationDto? Organisation { get; private set; }

    [BindProperty]
    public string? CommercialTenantId { get; set; }

    [BindProperty]
    public IList<string> Entities { get; set; } = [];

    [BindProperty]
    public bool HoldsDirectContracts { get; set; }

    [BindProperty]
    public bool HoldsIndirectContracts { get; set; }

    [BindProperty]
    public string? ContractVehicles { get; set; }


    public static IReadOnlyList<string> EntityChoices => SubmitPartnerValidationValidator.Entities;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisation = await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenants.RequireTenant().Id), cancellationToken);
        CommercialTenantId = Organisation?.CommercialTenantId.ToString();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            if (!Guid.TryParse(CommercialTenantId, out var commercial))
            {
                throw new RequestValidationException([new ValidationFailure("commercialTenantId", "invalid", "The commercial tenant ID is a GUID.")]);
            }

            var created = await Mediator.Send(
                new SubmitPartnerValidationCommand(commercial, [.. Entities], HoldsDirectContracts, HoldsIndirectContracts, ContractVehicles),
                cancellationToken);
            TempData["Status"] = text["Case_Submitted"].Value;
            return Redirect($"/{tenant.Identifier}/validation/{created.Id}");
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        Organisation = await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        return Page();
    }
}
