using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.CustomerList;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Validation.Contracts;

namespace GccSaaS.Modules.Customers.Features.AddCustomer;

/// <summary>
/// R-CUS-1: Add customer — company details, primary domain with a live "is it free" check (R-PC-5), special
/// qualification None or GCC with the partner's validation codes (R-VAL-4, R-VAL-5), optional indirect reseller
/// (R-PC-4, preselected by <c>?reseller=</c>), review, submit. The answer to the submit shows the administrator's
/// user name and temporary password once (R-CUS-2): it is not cached, and the address bar then points at the
/// account page, so a reload shows the account, never the password.
/// </summary>
[Authorize(Policy = CustomersPolicies.CanManageCustomers)]
[ShowsSecret] // R-CUS-2: the temporary password is shown once
internal sealed class AddCustomerPageModel(IMediator mediator, AddCustomerRules rules, ITenantContextAccessor tenants) : PortalPageModel(mediator)
{
    [BindProperty]
    public AddCustomerForm Form { get; set; } = new();

    public IReadOnlyList<PartnershipDto> Resellers { get; private set; } = [];

    public IReadOnlyList<ValidationCodeDto> Codes { get; private set; } = [];

    public bool PartnerHoldsGcc { get; private set; }

    public bool Reviewing { get; private set; }

    public AddedCustomer? Created { get; private set; }

    public CustomerDetails? CreatedDetails { get; private set; }

    public string? ResellerName(Guid? id) => id is { } r ? Resellers.FirstOrDefault(p => p.ResellerOrganisationId == r)?.ResellerName : null;

    public async Task OnGetAsync(Guid? reseller, CancellationToken cancellationToken)
    {
        Form = new AddCustomerForm { SubmissionId = Guid.NewGuid(), ResellerOrganisationId = reseller };
        await LoadAsync(cancellationToken);
    }

    /// <summary>R-PC-5: the live check of the domain field.</summary>
    public async Task<IActionResult> OnGetDomainAsync(string? domain, CancellationToken cancellationToken)
    {
        var normalized = CustomerDomainName.FromInput(domain);
        var taken = normalized is not null && await Mediator.Send(new IsDomainTakenQuery(normalized), cancellationToken);
        return new JsonResult(new { domain = normalized, valid = normalized is not null, taken });
    }

    /// <summary>The review checks every rule the submit will, through the same <see cref="AddCustomerRules"/>.</summary>
    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        try
        {
            await rules.ReviewAsync(tenants.RequireTenant().Id, Form.ToRequest(), cancellationToken);
        }
        catch (Exception ex) when (ex is RequestValidationException or DomainRuleException)
        {
            Refuse(ex);
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
            Created = await Mediator.Send(new AddCustomerCommand(tenants.RequireTenant().Id, Form.RequestId(), Form.ToRequest()), cancellationToken);
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
internal sealed class AddCustomerForm
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

    /// <summary>The id that makes a resubmitted form add one customer (a form without one gets a fresh id).</summary>
    public Guid RequestId() => SubmissionId == Guid.Empty ? Guid.NewGuid() : SubmissionId;

    /// <summary>The form as the API's body: the one record <see cref="AddCustomerCommand"/> takes. A bare domain name gets its suffix.</summary>
    public AddCustomerRequest ToRequest() => new(
        new CompanyProfileRequest(CustomerDomainName.FromInput(Domain) ?? Domain),
        new BillingProfileRequest(
            Email,
            Culture,
            Language,
            CompanyName,
            new AddressRequest(AddressLine1, AddressLine2, City, State, PostalCode, Country, FirstName, LastName, PhoneNumber)),
        ResellerOrganisationId,
        Gcc ? CustomerQualifications.GovernmentCommunityCloud : null,
        Gcc ? ValidationCode : null);
}
