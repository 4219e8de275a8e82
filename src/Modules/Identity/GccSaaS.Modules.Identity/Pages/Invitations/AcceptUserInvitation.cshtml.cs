using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Pages.Invitations;

/// <summary>
/// Where an invitation link lands: an existing user signs in (and accepts), a new one registers with a name
/// and a password; either way the membership exists afterwards. Unknown, expired, used or revoked links say so.
/// </summary>
[AllowAnonymous]
[TokenInUrl]
internal sealed class AcceptUserInvitationModel(
    IMediator mediator,
    InvitationLookup invitations,
    ITenantStore tenants,
    ITenantContextAccessor tenantContext,
    SignInManager<GccSaaSUser> signIn,
    GuessThrottle throttle,
    IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    public UserInvitation? Invitation { get; private set; }

    public InvitationState State { get; private set; }

    public string TenantName { get; private set; } = string.Empty;

    public bool AccountExists { get; private set; }

    /// <summary>The signed-in user's address, when someone is signed in.</summary>
    public string? SignedInEmail { get; private set; }

    [BindProperty]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public string ConfirmPassword { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        if (await GuessRefusedAsync())
        {
            return Page();
        }

        var (succeeded, joined) = await InInvitationTenantAsync(() => TrySendAsync(new AcceptInvitationCommand(Token)));
        if (succeeded && joined is not null)
        {
            return LocalRedirect($"/{joined.TenantIdentifier}/");
        }

        await LoadAsync(keepStatus: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        if (await GuessRefusedAsync())
        {
            return Page();
        }

        if (Password != ConfirmPassword)
        {
            Refuse(l["ErrorPasswordMismatch"], StatusCodes.Status400BadRequest, nameof(ConfirmPassword));
        }
        else
        {
            var (succeeded, joined) = await InInvitationTenantAsync(() => TrySendAsync(new RegisterWithInvitationCommand(Token, DisplayName, Password)));
            if (succeeded && joined is not null && await signIn.UserManager.FindByIdAsync(joined.UserId.ToString("D")) is { } user)
            {
                await signIn.SignInAsync(user, isPersistent: false);
                return LocalRedirect($"/{joined.TenantIdentifier}/");
            }
        }

        await LoadAsync(keepStatus: true);
        return Page();
    }

    /// <summary>
    /// Link tokens are not guessable (256 bits), yet a source that keeps posting unknown ones is throttled like a
    /// password guesser (issue 18): an unknown token counts against the source, and a waiting source is refused unread.
    /// </summary>
    private async Task<bool> GuessRefusedAsync()
    {
        if (await throttle.RetryAfterAsync(HttpContext, GuessForms.LinkToken, Token) is { } wait)
        {
            Refuse(l["SignInThrottled", GuessThrottleHttp.Seconds(wait)], StatusCodes.Status429TooManyRequests);
            Response.RefuseTooManyGuesses(wait);
            return true;
        }

        if (await invitations.FindAsync(Token, HttpContext.RequestAborted) is null)
        {
            await throttle.FailedAsync(HttpContext, GuessForms.LinkToken, Token);
        }

        return false;
    }

    /// <summary>
    /// Joining a tenant is an act in that tenant: the command runs in its scope, so the tenant's audit log
    /// records who joined (the link's token and the password are redacted there).
    /// </summary>
    private async Task<T> InInvitationTenantAsync<T>(Func<Task<T>> send)
    {
        var invitation = await invitations.FindAsync(Token, HttpContext.RequestAborted);
        if (invitation is null || await tenants.FindByIdAsync(invitation.TenantId, HttpContext.RequestAborted) is not { IsActive: true } tenant)
        {
            return await send();
        }

        using (tenantContext.BeginScope(tenant))
        {
            return await send();
        }
    }

    private async Task LoadAsync(bool keepStatus = false)
    {
        Invitation = await invitations.FindAsync(Token, HttpContext.RequestAborted);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        State = invitations.StateOf(Invitation);
        TenantName = (await tenants.FindByIdAsync(Invitation.TenantId, HttpContext.RequestAborted))?.Name ?? string.Empty;
        if (State != InvitationState.Pending && !keepStatus)
        {
            // Gone for good: the link was used, withdrawn or is past its date.
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        AccountExists = await signIn.UserManager.FindByEmailAsync(Invitation.Email) is not null;
        if (User.Identity?.IsAuthenticated == true && await signIn.UserManager.GetUserAsync(User) is { } current)
        {
            SignedInEmail = current.Email;
        }
    }

    public bool SignedInAsInvitee =>
        SignedInEmail is not null && Invitation is not null
        && string.Equals(SignedInEmail, Invitation.Email, StringComparison.OrdinalIgnoreCase);
}
