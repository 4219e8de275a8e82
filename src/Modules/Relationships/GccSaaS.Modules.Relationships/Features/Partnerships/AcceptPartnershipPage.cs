using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features.Invitations;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// Where a partnership link lands (R-REL-2): says what the partnership authorises; the invited reseller admin
/// signs in (or registers an account for the invited address) and accepts, naming its organisation by
/// PartnerID. The link names the provider's tenant, because the invitation can only be found inside it (RLS);
/// it is under <c>/invitations</c>, so a visitor who is no member of that tenant reaches it.
/// Unknown links answer 404; expired, revoked or used ones 410 with their own message (R-REL-7).
/// </summary>
[AllowAnonymous]
[TokenInUrl]
internal sealed class AcceptPartnershipPageModel(
    IMediator mediator,
    ITenantStore tenantStore,
    ITenantContextAccessor tenantContext,
    InvitationLookup lookup,
    ICurrentUserAccessor users,
    IRelationshipTexts texts,
    TimeProvider clock)
    : InvitationLandingPageModel(mediator, tenantStore, tenantContext, lookup, clock, InvitationKind.Partnership)
{
    [BindProperty]
    public string? PartnerId { get; set; }

    [BindProperty]
    public bool AuthorizeProvider { get; set; }

    [BindProperty]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public string ConfirmPassword { get; set; } = string.Empty;

    public bool AccountExists { get; private set; }

    public string? SignedInEmail { get; private set; }

    public bool SignedInAsInvitee =>
        SignedInEmail is not null && Invitation?.InvitedEmail is { } invited
        && string.Equals(SignedInEmail.Trim(), invited.Trim(), StringComparison.OrdinalIgnoreCase);

    public string ReturnUrl => Request.Path.Value ?? "/";

    public async Task<IActionResult> OnGetAsync()
    {
        await InProviderTenantAsync(async _ =>
        {
            await LoadAsync();
            return true;
        });
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        var joined = await InProviderTenantAsync(async tenant =>
        {
            var invitation = await FindInvitationAsync();
            if (invitation is null)
            {
                await LoadAsync();
                return null;
            }

            if (!AuthorizeProvider)
            {
                Refuse(texts.Get("Error_authorize_required"), StatusCodes.Status400BadRequest);
                await LoadAsync(keepStatus: true);
                return null;
            }

            var (succeeded, accepted) = await TrySendAsync(new AcceptPartnershipCommand(invitation.Id, PartnerId ?? string.Empty));
            await LoadAsync(keepStatus: true);
            return succeeded ? accepted : null;
        });
        if (joined is null)
        {
            return Page();
        }

        // The provider's dashboard says what just happened and where the reseller's work is (issue 16).
        StatusForNextPage = texts.Get("Accept_Done", ProviderName, joined.ResellerName);
        return LocalRedirect($"/{joined.TenantIdentifier}/");
    }

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var registered = await InProviderTenantAsync(async tenant =>
        {
            await LoadAsync(keepStatus: true);
            if (Invitation?.InvitedEmail is not { } email || State != InvitationStatus.Pending)
            {
                return false;
            }

            if (await Mediator.Send(new PortalAccountExistsQuery(email), HttpContext.RequestAborted))
            {
                Refuse(texts.Get("Error_account_exists"), StatusCodes.Status409Conflict);
                return false;
            }

            // Every problem of the form at once, each beside its field (issue 16).
            if (string.IsNullOrWhiteSpace(DisplayName))
            {
                Refuse(texts.Get("Error_name_required"), StatusCodes.Status400BadRequest, nameof(DisplayName));
            }

            foreach (var problem in await Mediator.Send(new CheckNewPasswordQuery(email, Password), HttpContext.RequestAborted))
            {
                Refuse(problem, StatusCodes.Status400BadRequest, nameof(Password));
            }

            if (Password != ConfirmPassword)
            {
                Refuse(texts.Get("Error_password_mismatch"), StatusCodes.Status400BadRequest, nameof(ConfirmPassword));
            }

            if (Refused)
            {
                return false;
            }

            var registration = await Mediator.Send(new RegisterPortalAccountCommand(email, DisplayName, Password), HttpContext.RequestAborted);
            if (registration.UserId is not { } userId)
            {
                foreach (var error in registration.Errors)
                {
                    Refuse(error, StatusCodes.Status400BadRequest);
                }

                return false;
            }

            await Mediator.Send(new SignInPortalAccountCommand(userId), HttpContext.RequestAborted);
            return true;
        });
        return registered ? LocalRedirect(ReturnUrl) : Page();
    }

    private async Task LoadAsync(bool keepStatus = false)
    {
        await LoadInvitationAsync(keepStatus);
        if (Invitation is null)
        {
            return;
        }

        AccountExists = Invitation.InvitedEmail is { } email && await Mediator.Send(new PortalAccountExistsQuery(email), HttpContext.RequestAborted);
        SignedInEmail = users.Current?.Email;
    }
}
