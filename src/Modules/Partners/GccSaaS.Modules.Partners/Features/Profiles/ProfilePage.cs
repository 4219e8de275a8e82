using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Integrations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Partners.Features.Profiles;

/// <summary>
/// The organisation profile of the tenant (Microsoft ID, PartnerID, type, qualifications, listing status)
/// and the PartnerID "Verify" field (R-PAR-4, R-PC-7).
/// </summary>
[Authorize(Policy = GccSaaSPolicies.ProviderUser)]
internal sealed class ProfilePageModel(ITenantContextAccessor tenants, PartnerDirectory directory, IMediator mediator) : PageModel
{
    public PartnerOrganisation? Organisation { get; private set; }

    [BindProperty]
    public string? MpnId { get; set; }

    public PartnerIdVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Organisation = await directory.FindForTenantAsync(tenants.RequireTenant().Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        Organisation = await directory.FindForTenantAsync(tenant.Id, cancellationToken);
        if (!string.IsNullOrWhiteSpace(MpnId))
        {
            Verification = await mediator.Send(new VerifyPartnerIdQuery(tenant.Id, MpnId), cancellationToken);
        }

        return Page();
    }
}
