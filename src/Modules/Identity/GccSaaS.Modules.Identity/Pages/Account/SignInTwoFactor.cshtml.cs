using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.PlatformAudit;
using GccSaaS.Modules.Identity.Features.TwoFactor;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// The second step for users with two-factor sign-in: a code from the authenticator app, or a recovery code. Codes
/// go through the same throttle as passwords (per account and per source, growing delays; issue 18), never a lockout.
/// </summary>
[AllowAnonymous]
internal sealed class SignInTwoFactorModel(
    SignInManager<GccSaaSUser> signIn,
    SignInLanding landing,
    GuessThrottle throttle,
    IPlatformAuditLog audit,
    IStringLocalizer<IdentityResource> l)
    : PageModel
{
    /// <summary>The throttle's budget for second-factor codes (per user, not per typed name).</summary>
    public const string Form = GuessForms.PortalTwoFactor;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public string RecoveryCode { get; set; } = string.Empty;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        }

        if (await throttle.RetryAfterAsync(HttpContext, Form, user.Id.ToString("N")) is { } wait)
        {
            return Throttled(wait);
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorAccounts.CleanCode(Code), RememberMe, rememberClient: false);
        return await CompleteAsync(user, result);
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        }

        if (await throttle.RetryAfterAsync(HttpContext, Form, user.Id.ToString("N")) is { } wait)
        {
            return Throttled(wait);
        }

        // Recovery codes are shown as "xxxxx-xxxxx"; the dash is part of the code.
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal));
        return await CompleteAsync(user, result);
    }

    private async Task<IActionResult> CompleteAsync(GccSaaSUser user, Microsoft.AspNetCore.Identity.SignInResult result)
    {
        await SignInAudit.RecordAsync(audit, result.Succeeded ? SignInAudit.SignedIn : SignInAudit.SignInFailed, user, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(HttpContext, Form, user.Id.ToString("N"));
            return LocalRedirect(await landing.UrlForAsync(user, ReturnUrl, Url.IsLocalUrl));
        }

        await throttle.FailedAsync(HttpContext, Form, user.Id.ToString("N"));
        Error = l["ErrorInvalidCode"];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private PageResult Throttled(TimeSpan wait)
    {
        Error = l["SignInThrottled", GuessThrottleHttp.Seconds(wait)];
        Response.RefuseTooManyGuesses(wait);
        return Page();
    }
}
