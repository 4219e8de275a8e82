using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// E-mail and password; users with two-factor sign-in continue at /account/sign-in/two-factor. Guessing is
/// throttled per account and per source address with growing delays (<see cref="GuessThrottle"/>, issue 18), never
/// by locking the account: an unknown address and a wrong password get the same message, cost one hash
/// verification alike, and are throttled alike, so neither the answer nor its timing says which accounts exist.
/// </summary>
[AllowAnonymous]
internal sealed class SignInModel(
    SignInManager<GccSaaSUser> signIn,
    SignInLanding landing,
    GuessThrottle throttle,
    IPlatformAuditLog audit,
    IStringLocalizer<IdentityResource> l)
    : SignInStepModel(signIn, landing, throttle, audit, l, Form)
{
    /// <summary>The throttle's budget for the partner portal's passwords (sign-in and the password change).</summary>
    public const string Form = GuessForms.PortalPassword;

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public bool RememberMe { get; set; }

    /// <summary>The user has just set a new password through a reset link (issue 18).</summary>
    public bool PasswordReset { get; private set; }

    public void OnGet(string? email, string? reset)
    {
        Email = email ?? string.Empty;
        PasswordReset = reset == "done";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email.Trim();
        Password = Password ?? string.Empty;
        if (await WaitAsync(email) is { } wait)
        {
            return Throttled(wait);
        }

        var user = email.Length == 0 ? null : await SignInManager.UserManager.FindByNameAsync(email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null || Password.Length == 0)
        {
            PasswordTiming.VerifyDummy(SignInManager.UserManager.PasswordHasher, Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await SignInManager.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: false);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await PassedAsync(email);
        }

        if (result.Succeeded && user is not null)
        {
            return await SignedInAsync(user);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/SignInTwoFactor", new { returnUrl = ReturnUrl, rememberMe = RememberMe });
        }

        return await MissedAsync(email, user, "SignInFailed");
    }

    protected override void ForgetSecrets() => Password = string.Empty;
}
