using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.PlatformAudit;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// E-mail and password; five failures lock the account for 15 minutes; users with two-factor sign-in
/// continue at /account/sign-in/two-factor. Unknown addresses and wrong passwords get the same message.
/// </summary>
[AllowAnonymous]
internal sealed class SignInModel(
    SignInManager<GccSaaSUser> signIn,
    SignInLanding landing,
    IPlatformAuditLog audit,
    IStringLocalizer<IdentityResource> l)
    : PageModel
{
    [BindProperty]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet(string? email)
    {
        Email = email ?? string.Empty;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email.Trim();
        var result = email.Length == 0 || Password.Length == 0
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(email, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Signed in a moment ago, so the account exists; if it vanished since, the landing page asks again.
            var user = await signIn.UserManager.FindByNameAsync(email);
            await SignInAudit.RecordAsync(audit, SignInAudit.SignedIn, user, HttpContext.RequestAborted);
            return user is not null
                ? LocalRedirect(await landing.UrlForAsync(user, ReturnUrl, Url.IsLocalUrl))
                : RedirectToPage();
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/SignInTwoFactor", new { returnUrl = ReturnUrl, rememberMe = RememberMe });
        }

        // The platform audit log names the account when it exists, never what was typed (a password in the e-mail field).
        await SignInAudit.RecordAsync(audit, SignInAudit.SignInFailed,
            email.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(email), HttpContext.RequestAborted);
        Error = result.IsLockedOut ? l["SignInLockedOut"] : l["SignInFailed"];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Password = string.Empty;
        return Page();
    }
}
