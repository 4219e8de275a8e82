using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.Preferences;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>The user's own settings: the time zone the portal's times are shown in (default: the browser's).</summary>
[Authorize]
internal sealed class PreferencesModel(IMediator mediator, SignInManager<GccSaaSUser> signIn, IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    /// <summary>The chosen IANA zone; empty follows the browser's.</summary>
    [BindProperty]
    public string? TimeZone { get; set; }

    /// <summary>The browser's zone as this request reports it (named in the "follow my browser" option).</summary>
    public string BrowserZone => PortalTime.Name(PortalTime.Find(Request.Cookies[PortalTime.CookieName]) ?? TimeZoneInfo.Utc);

    public string? StatusMessage => StatusForNextPage;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        TimeZone = user.TimeZone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (succeeded, _) = await TrySendAsync(new SetTimeZoneCommand(TimeZone));
        if (!succeeded)
        {
            return Page();
        }

        // The zone travels in the sign-in cookie: renew it so the next page already shows the new zone.
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }

        StatusForNextPage = l["PreferencesSaved"];
        return RedirectToPage();
    }
}
