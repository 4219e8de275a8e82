using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.CustomerList;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Customers.Features.AddCustomer;

/// <summary>
/// R-CUS-1: Add customer — company details, primary domain with a live "is it free" check (R-PC-5), special
/// qualification None or GCC with the partner's validation codes (R-VAL-4, R-VAL-5), optional indirect reseller
/// (R-PC-4, preselected by <c>?reseller=</c>), review, submit. The answer to the submit shows the administrator's
/// user name and temporary password once (R-CUS-2): it is not cached, and the address bar then points at the
/// account page, so a reload shows the account, never the password.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.CanManageCustomers)]
[ShowsSecret] // R-CUS-2: the temporary password is shown once
internal sealed class AddCustomerPageModel(IMediator mediator, ITenantContextAccessor tenants) : PortalPageModel(mediator)
{
    [BindProperty]
    public CustomerForm Form { get; set; } = new();

    public IReadOnlyList<PartnershipDto> Resellers { get; private set; } = [];

    public IReadOnlyList<ValidationCodeDto> Codes { get; private set; } = [];

    public bool PartnerHoldsGcc { get; private set; }

    public bool Reviewing { get; private set; }

    public CreatedCustomer? Created { get; private set; }

    public CustomerDetails? CreatedDetails { get; private set; }

    public string? ResellerName(Guid? id) => id is { } r ? Resellers.FirstOrDefault(p => p.ResellerOrganisationId == r)?.ResellerName : null;

    public async Task OnGetAsync(Guid? reseller, CancellationToken cancellationToken)
    {
        Form = new CustomerForm { SubmissionId = Guid.NewGuid(), ResellerOrganisationId = reseller };
        await LoadAsync(cancellationToken);
    }

    /// <summary>R-PC-5: the live check of the domain field.</summary>
    public async Task<IActionResult> OnGetDomainAsync(string? domain, CancellationToken cancellationToken)
    {
        var normalized = CustomerDomainName.FromInput(domain);
        var taken = normalized is not null && await Mediator.Send(new IsDomainTakenQuery(normalized), cancellationToken);
        return new JsonResult(new { domain = normalized, valid = normalized is not null, taken });
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var command = Command();
        var errors = new CreateCustomerValidator().Validate(command).Select(f => (Exception)new RequestValidationException([f])).ToList();
        if (errors.Count == 0 && await Mediator.Send(new IsDomainTakenQuery(command.Domain), cancellationToken))
        {
            errors.Add(new DomainRuleException(CustomerErrorCodes.DomainTaken, "taken"));
        }

        if (errors.Count == 0 && Form.ResellerOrganisationId is { } reseller && Resellers.All(r => r.ResellerOrganisationId != reseller))
        {
            errors.Add(new DomainRuleException(CustomerErrorCodes.ResellerPartnershipNotActive, "not active"));
        }

        if (errors.Count == 0 && Form.Gcc && !PartnerHoldsGcc)
        {
            errors.Add(new DomainRuleException(CustomerErrorCodes.PartnerNotGccQualified, "not qualified"));
        }

        foreach (var refusal in errors)
        {
            Refuse(refusal);
        }

        Reviewing = !Refused;
        return Page();
    }

    /// <summary>Back from the review to the form, with what was entered.</summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            Created = await Mediator.Send(Command(), cancellationToken);
            CreatedDetails = await Mediator.Send(new GetCustomerQuery(tenants.RequireTenant().Id, Created.CustomerTenantId), cancellationToken);
            await LoadAsync(cancellationToken);
            return Page();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            await LoadAsync(cancellationToken);
            Refuse(ex);
            return Page();
        }
    }

    private CreateCustomerCommand Command()
    {
        var tenant = tenants.RequireTenant();
        return new CreateCustomerCommand(
            tenant.Id,
            Form.SubmissionId == Guid.Empty ? Guid.NewGuid() : Form.SubmissionId,
            Form.CompanyName ?? string.Empty,
            CustomerDomainName.FromInput(Form.Domain) ?? Form.Domain ?? string.Empty,
            Form.AddressLine1 ?? string.Empty,
            Form.AddressLine2,
            Form.City ?? string.Empty,
            Form.State,
            Form.PostalCode ?? string.Empty,
            Form.Country ?? string.Empty,
            Form.FirstName ?? string.Empty,
            Form.LastName ?? string.Empty,
            Form.Email ?? string.Empty,
            Form.PhoneNumber,
            Form.Culture ?? string.Empty,
            Form.Language ?? string.Empty,
            Form.Gcc ? CustomerQualifications.GovernmentCommunityCloud : null,
            Form.Gcc ? Form.ValidationCode : null,
            Form.ResellerOrganisationId);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, 200), cancellationToken);
        var partner = await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        PartnerHoldsGcc = partner?.HasQualification(PartnerQualifications.GovernmentCommunityCloud) == true;
        Codes = PartnerHoldsGcc ? await Mediator.Send(new GetValidationCodesQuery(tenant.Id), cancellationToken) : [];
    }
}

/// <summary>The fields of the Add customer form.</summary>
internal sealed class CustomerForm
{
    /// <summary>Made when the form is shown: submitting twice (a double click, a resubmitted page) adds one customer.</summary>
    public Guid SubmissionId { get; set; }

    public string? CompanyName { get; set; }

    public string? Domain { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; } = "US";

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public string? Culture { get; set; } = "en-US";

    public string? Language { get; set; } = "en";

    public bool Gcc { get; set; }

    public string? ValidationCode { get; set; }

    public Guid? ResellerOrganisationId { get; set; }
}
