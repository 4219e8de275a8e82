using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// The signed-in user changes the password (issue 18): the current password is required and goes through the same
/// throttle as the sign-in (per account and per source). The change renews the security stamp, so every other
/// session of the user ends; this one is signed in again.
/// </summary>
[Authorize]
internal sealed class ChangePasswordModel(
    IMediator mediator,
    SignInManager<GccSaaSUser> signIn,
    GuessThrottle throttle,
    IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    [BindProperty]
    public string CurrentPassword { get; set; } = string.Empty;

    [BindProperty]
    public string NewPassword { get; set; } = string.Empty;

    [BindProperty]
    public string ConfirmPassword { get; set; } = string.Empty;

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool changed = false)
    {
        if (await signIn.UserManager.GetUserAsync(User) is null)
        {
            return Challenge();
        }

        Changed = changed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var users = signIn.UserManager;
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var account = user.UserName ?? user.Id.ToString("N");
        if (await throttle.RetryAfterAsync(HttpContext, GuessForms.PortalPassword, account) is { } wait)
        {
            Refuse(l["SignInThrottled", GuessThrottleHttp.Seconds(wait)], StatusCodes.Status429TooManyRequests, nameof(CurrentPassword));
            Response.RefuseTooManyGuesses(wait);
            return Done();
        }

        if (!await users.CheckPasswordAsync(user, CurrentPassword ?? string.Empty))
        {
            await throttle.FailedAsync(HttpContext, GuessForms.PortalPassword, account);
            Refuse(l["ErrorCurrentPasswordWrong"], StatusCodes.Status422UnprocessableEntity, nameof(CurrentPassword));
            return Done();
        }

        await throttle.SucceededAsync(HttpContext, GuessForms.PortalPassword, account);
        if (NewPassword != ConfirmPassword)
        {
            Refuse(l["ErrorPasswordMismatch"], StatusCodes.Status422UnprocessableEntity, nameof(ConfirmPassword));
            return Done();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword ?? string.Empty, NewPassword ?? string.Empty);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                Refuse(error.Description, StatusCodes.Status422UnprocessableEntity, nameof(NewPassword));
            }

            return Done();
        }

        // The stamp changed with the password: other sessions end, this one carries the new stamp.
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { changed = true });
    }

    private PageResult Done()
    {
        CurrentPassword = string.Empty;
        NewPassword = string.Empty;
        ConfirmPassword = string.Empty;
        return Page();
    }
}
