using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.PlatformAudit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>Signing out is a POST (antiforgery-checked) from the user menu; a GET only goes home.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<GccSaaSUser> signIn, ICurrentUserAccessor users, IPlatformAuditLog audit) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (users.Current is { } user)
        {
            await SignInAudit.RecordAsync(audit, SignInAudit.SignedOut, user, HttpContext.RequestAborted);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
