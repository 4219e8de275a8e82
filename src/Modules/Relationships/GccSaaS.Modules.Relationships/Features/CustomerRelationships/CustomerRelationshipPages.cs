using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features.Invitations;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.CustomerRelationships;

/// <summary>
/// R-REL-4, R-REL-5: Customers &gt; "Request a reseller relationship": the same draft, mailto, copy and Done as a
/// partnership request. Provider users pick one of their active resellers (or none); reseller users ask for their
/// own organisation. Stable route for the Customers area to link to.
/// </summary>
[Authorize(Policy = CustomersPolicies.CanWorkWithCustomers)]
[ShowsSecret] // the request shows the invitation draft with its link
internal sealed class CustomerRelationshipRequestPageModel(
    IMediator mediator, ICurrentUserAccessor users, RelationshipsDbContext db, IRelationshipTexts texts, IStringLocalizer<RelationshipsResource> l)
    : InvitationDraftPageModel(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid? Reseller { get; set; }

    [BindProperty]
    public string? InviteEmail { get; set; }

    public IReadOnlyList<PartnershipDto> Resellers { get; private set; } = [];

    public bool IsResellerUser => users.Current?.IsReseller == true;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRequestAsync()
    {
        var (succeeded, issued) = await TrySendAsync(new RequestCustomerRelationshipCommand(Reseller, InviteEmail));
        if (succeeded && issued is not null && HttpContext.GetTenant() is { } tenant)
        {
            Draft = await RelationshipsEndpoints.DraftAsync(HttpContext, tenant, issued, Mediator, users, l, HttpContext.RequestAborted);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync()
    {
        if (await DraftKeepsLinkAsync(db, texts))
        {
            StatusMessage = l["Draft_DoneStatus"].Value;
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        if (!IsResellerUser && HttpContext.GetTenant() is { } tenant)
        {
            Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, 100), HttpContext.RequestAborted);
        }
    }
}

/// <summary>
/// Where a customer relationship link lands (R-REL-4, R-REL-6): says that existing subscriptions stay unchanged
/// and are read-only to the partner; the customer's administrator signs in with its customer tenant's admin user
/// name and password (ADR 0013) and accepts. Expired, revoked or used links are refused with their own message.
/// </summary>
[AllowAnonymous]
[TokenInUrl]
internal sealed class AcceptCustomerRelationshipPageModel(
    IMediator mediator,
    ITenantStore tenantStore,
    ITenantContextAccessor tenantContext,
    InvitationLookup lookup,
    IRelationshipTexts texts,
    GuessThrottle throttle,
    TimeProvider clock)
    : InvitationLandingPageModel(mediator, tenantStore, tenantContext, lookup, clock, InvitationKind.CustomerRelationship)
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? ResellerName { get; private set; }

    public string? AcceptedCompany { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await InProviderTenantAsync(async _ =>
        {
            await LoadAsync(keepStatus: false);
            return true;
        });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await InProviderTenantAsync(async _ =>
        {
            await LoadAsync(keepStatus: true);
            if (Invitation is null)
            {
                return false;
            }

            // The password is checked here and goes no further: it is never part of a command. Guesses share the
            // customer administrator's throttle with the workspace sign-in (per name and per source; issue 18).
            var userName = UserName?.Trim() ?? string.Empty;
            if (await throttle.RetryAfterAsync(HttpContext, GuessForms.CustomerAdministrator, userName) is { } wait)
            {
                Refuse(texts.Get("CustomerCredentialsThrottled", GuessThrottleHttp.Seconds(wait)), StatusCodes.Status429TooManyRequests);
                Response.RefuseTooManyGuesses(wait);
                return false;
            }

            var customer = await Mediator.Send(new AuthenticateCustomerAdministratorQuery(userName, Password ?? string.Empty), HttpContext.RequestAborted);
            if (customer is null)
            {
                await throttle.FailedAsync(HttpContext, GuessForms.CustomerAdministrator, userName);
                Refuse(texts.Get("Error_customer_credentials_invalid"), StatusCodes.Status422UnprocessableEntity);
                return false;
            }

            await throttle.SucceededAsync(HttpContext, GuessForms.CustomerAdministrator, userName);

            var (succeeded, _) = await TrySendAsync(new AcceptCustomerRelationshipCommand(Invitation.Id, customer.CustomerTenantId, userName));
            if (succeeded)
            {
                AcceptedCompany = customer.CompanyName;
            }

            await LoadAsync(keepStatus: true);
            return succeeded;
        });
        return Page();
    }

    private async Task LoadAsync(bool keepStatus)
    {
        await LoadInvitationAsync(keepStatus);
        if (Invitation?.ResellerOrganisationId is { } reseller)
        {
            ResellerName = (await Mediator.Send(new GetPartnerOrganisationQuery(reseller), HttpContext.RequestAborted))?.LegalName;
        }
    }
}
