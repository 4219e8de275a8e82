using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.AdministratorPassword;
using GccSaaS.Modules.Customers.Features.Agreements;
using GccSaaS.Modules.Customers.Features.CustomerList;
using GccSaaS.Modules.Customers.Features.Qualifications;
using GccSaaS.Modules.Customers.Features.ResellerAssociation;
using GccSaaS.Modules.Customers.Resources;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Validation.Contracts;

namespace GccSaaS.Modules.Customers.Features.CustomerAccount;

/// <summary>
/// A customer's account page: company info, special qualifications with vetting status (R-CUS-5, R-VAL-8),
/// reseller and delegated admin grants (R-CUS-3), agreement attestations (R-CUS-4, R-PC-6) and the subscriptions
/// it bought directly, read-only (R-REL-6). Provider users change the reseller, record the agreement and request
/// the GCC qualification here; reseller users see only their organisation's customers (another's is a 404).
/// </summary>
[Authorize(Policy = CustomersPolicies.CanWorkWithCustomers)]
[ShowsSecret] // the answer to a password reset shows the new one-time password
internal sealed class CustomerAccountPageModel(
    IMediator mediator,
    ITenantContextAccessor tenants,
    CustomerScope scope,
    TimeProvider clock,
    IStringLocalizer<CustomersResource> c) : PortalPageModel(mediator)
{
    public CustomerDetails? Details { get; private set; }

    public IReadOnlyList<PartnershipDto> Resellers { get; private set; } = [];

    public string? ResellerName { get; private set; }

    public IReadOnlyList<ValidationCodeDto> Codes { get; private set; } = [];

    public bool PartnerHoldsGcc { get; private set; }

    public bool IsProvider => !scope.IsReseller;

    public bool JustCreated { get; private set; }

    public string? Status { get; private set; }

    [BindProperty]
    public AgreementForm Agreement { get; set; } = new();

    [BindProperty]
    public Guid? NewReseller { get; set; }

    [BindProperty]
    public string? ValidationCode { get; set; }

    /// <summary>Issue 13, R-CUS-2: the administrator's new one-time password, on the answer to the reset only.</summary>
    public string? NewPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool created, CancellationToken cancellationToken)
    {
        JustCreated = created;
        if (!await LoadAsync(id, cancellationToken) || Details is null)
        {
            return NotFound();
        }

        // Issue 16: the agreement is usually accepted by the primary contact already on file; the provider corrects it when not.
        var p = Details.Profile;
        Agreement = new AgreementForm
        {
            FirstName = p.ContactFirstName,
            LastName = p.ContactLastName,
            Email = p.Email,
            PhoneNumber = p.PhoneNumber,
            DateAgreed = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
        };
        return Page();
    }

    public Task<IActionResult> OnPostResellerAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Status_ResellerChanged", t => Mediator.Send(new ChangeCustomerResellerCommand(t, id, NewReseller), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAgreementAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Status_AgreementRecorded", t => Mediator.Send(
            new RecordAgreementCommand(
                t,
                id,
                CustomerAgreementTypes.MicrosoftCustomerAgreement,
                Agreement.FirstName ?? string.Empty,
                Agreement.LastName ?? string.Empty,
                Agreement.Email ?? string.Empty,
                Agreement.PhoneNumber,
                Agreement.DateAgreed is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : default),
            cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostQualificationAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, "Status_QualificationRequested", t => Mediator.Send(
            new RequestQualificationCommand(t, id, CustomerQualifications.GovernmentCommunityCloud, ValidationCode), cancellationToken), cancellationToken);

    /// <summary>
    /// Issue 13, R-CUS-6: a new one-time password for the customer's administrator, shown on this answer only; a reseller
    /// needs "manage users" (the customer's administrator may have taken it away: 403, the page says why).
    /// </summary>
    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        try
        {
            var reset = await Mediator.Send(new ResetAdministratorPasswordCommand(tenant.Id, id), cancellationToken);
            NewPassword = reset.Password;
            Status = c["Status_PasswordReset"];
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<IActionResult> ActAsync(Guid id, string statusKey, Func<Guid, Task> act, CancellationToken cancellationToken)
    {
        if (!IsProvider)
        {
            // The reseller, the agreement and the qualification are the provider's acts (R-CUS-3, R-PC-6): refused before
            // any input rule (403), and another organisation's customer stays a 404.
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Refuse(c[statusKey == "Status_AgreementRecorded" ? "Error_reseller_cannot_attest" : "Error_reseller_cannot_manage"], StatusCodes.Status403Forbidden);
            return Page();
        }

        var tenant = tenants.RequireTenant();
        try
        {
            await act(tenant.Id);
            Status = c[statusKey];
            Agreement = new AgreementForm { DateAgreed = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) };
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        Details = await Mediator.Send(new GetCustomerQuery(tenant.Id, id), cancellationToken);
        if (Details is null)
        {
            return false;
        }

        if (Details.Customer.ResellerOrganisationId is { } reseller)
        {
            ResellerName = (await Mediator.Send(new GetPartnerOrganisationQuery(reseller), cancellationToken))?.LegalName;
        }

        if (IsProvider)
        {
            Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, 200), cancellationToken);
            var partner = await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
            PartnerHoldsGcc = partner?.HasQualification(PartnerQualifications.GovernmentCommunityCloud) == true;
            Codes = PartnerHoldsGcc ? await Mediator.Send(new GetValidationCodesQuery(tenant.Id), cancellationToken) : [];
        }

        return true;
    }

    public string VettingText(CustomerQualification q) => c["Vetting_" + q.VettingStatus];
}

internal sealed class AgreementForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public DateOnly? DateAgreed { get; set; }
}
