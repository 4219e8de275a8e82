using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.PlatformAudit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// Signing out is a POST (antiforgery-checked) from the user menu; a GET only goes home. It renews the user's
/// security stamp first, so every other session of the user (and a copied cookie) ends too (issue 18).
/// </summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<GccSaaSUser> signIn, IPlatformAuditLog audit) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await SignInAudit.RecordAsync(audit, SignInAudit.SignedOut, user, HttpContext.RequestAborted);
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
