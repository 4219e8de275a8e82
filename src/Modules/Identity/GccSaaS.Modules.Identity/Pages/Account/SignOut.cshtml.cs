using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>Signing out is a POST (antiforgery-checked) from the user menu; a GET only goes home.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<GccSaaSUser> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
