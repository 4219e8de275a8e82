using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Identity.Features.PasswordReset;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// Where the mailed reset link lands (issue 18): the new password twice, under the same rules as the password change.
/// The link works once and for 30 minutes; an unknown, used or expired one says so (in the user's language) with a way to
/// ask again, after a redirect to the address without the token, so no page shows a spent token. Unknown tokens count
/// against the caller's source like password guesses (<see cref="GuessForms.LinkToken"/>). Success renews the security
/// stamp (every session of the user ends) and leads to the sign-in page with a confirmation.
/// </summary>
[AllowAnonymous]
[TokenInUrl]
internal sealed class ResetPasswordModel(
    IMediator mediator,
    PasswordResetLinks links,
    GuessThrottle throttle,
    IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string NewPassword { get; set; } = string.Empty;

    [BindProperty]
    public string ConfirmPassword { get; set; } = string.Empty;

    public bool LinkOpen { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrEmpty(Token))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await RefusedAsync())
        {
            // Spent, expired or unknown: the same page without the token in its address.
            return Error is null ? RedirectToPage() : Page();
        }

        LinkOpen = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var password = NewPassword ?? string.Empty;
        var confirmation = ConfirmPassword ?? string.Empty;
        NewPassword = string.Empty;
        ConfirmPassword = string.Empty;
        if (await RefusedAsync())
        {
            if (Error is null)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest; // the page says why, with a way to ask again
            }

            return Page();
        }

        LinkOpen = true;
        if (password != confirmation)
        {
            Refuse(l["ErrorPasswordMismatch"], StatusCodes.Status422UnprocessableEntity, nameof(ConfirmPassword));
            return Page();
        }

        var (succeeded, _) = await TrySendAsync(new CompletePasswordResetCommand(Token ?? string.Empty, password));
        if (succeeded)
        {
            return Redirect("/account/sign-in?reset=done");
        }

        // The link was spent by another tab meanwhile: no form for it any more.
        LinkOpen = await links.IsOpenAsync(Token, HttpContext.RequestAborted);
        if (!LinkOpen)
        {
            Token = null;
        }

        return Page();
    }

    /// <summary>True when the link cannot be used: the caller waits (<see cref="Error"/> says how long) or the link is not open.</summary>
    private async Task<bool> RefusedAsync()
    {
        if (await throttle.RetryAfterAsync(HttpContext, GuessForms.LinkToken, Token) is { } wait)
        {
            Error = l["SignInThrottled", GuessThrottleHttp.Seconds(wait)];
            Response.RefuseTooManyGuesses(wait);
            Token = null;
            return true;
        }

        if (await links.IsOpenAsync(Token, HttpContext.RequestAborted))
        {
            return false;
        }

        await throttle.FailedAsync(HttpContext, GuessForms.LinkToken, Token);
        Token = null;
        return true;
    }
}
