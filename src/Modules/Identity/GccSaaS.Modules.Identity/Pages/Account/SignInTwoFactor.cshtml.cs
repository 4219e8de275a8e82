using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.TwoFactor;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;

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
    : SignInStepModel(signIn, landing, throttle, audit, l, Form)
{
    /// <summary>The throttle's budget for second-factor codes (per user, not per typed name).</summary>
    public const string Form = GuessForms.PortalTwoFactor;

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public string RecoveryCode { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() =>
        await SignInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl }) : Page();

    public Task<IActionResult> OnPostAsync() =>
        TryCodeAsync(() => SignInManager.TwoFactorAuthenticatorSignInAsync(TwoFactorAccounts.CleanCode(Code), RememberMe, rememberClient: false));

    // Recovery codes are shown as "xxxxx-xxxxx"; the dash is part of the code.
    public Task<IActionResult> OnPostRecoveryAsync() =>
        TryCodeAsync(() => SignInManager.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal)));

    private async Task<IActionResult> TryCodeAsync(Func<Task<Microsoft.AspNetCore.Identity.SignInResult>> signInWithCode)
    {
        var user = await SignInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        }

        var account = user.Id.ToString("N");
        if (await WaitAsync(account) is { } wait)
        {
            return Throttled(wait);
        }

        var result = await signInWithCode();
        if (!result.Succeeded)
        {
            return await MissedAsync(account, user, "ErrorInvalidCode");
        }

        await PassedAsync(account);
        return await SignedInAsync(user);
    }
}
