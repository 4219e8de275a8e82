using System.Text;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>Optional TOTP two-factor sign-in: set up an authenticator app with its key and one code, or turn it off.</summary>
[Authorize]
[ShowsSecret] // the authenticator set-up shows the shared key
internal sealed class TwoFactorModel(IMediator mediator, SignInManager<GccSaaSUser> signIn) : PortalPageModel(mediator)
{
    public bool Enabled { get; private set; }

    /// <summary>The shared key in groups of four, as authenticator apps ask for it.</summary>
    public string? AuthenticatorKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    /// <summary>Shown once, right after two-factor sign-in was turned on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    [BindProperty]
    public string Code { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostSetUpAsync()
    {
        var (succeeded, _) = await TrySendAsync(new ResetAuthenticatorKeyCommand());
        return await AfterAsync(succeeded);
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var (succeeded, codes) = await TrySendAsync(new EnableTwoFactorCommand(Code));
        if (succeeded)
        {
            RecoveryCodes = codes ?? [];
            await RefreshAsync();
            return await LoadAsync() ? Page() : Challenge();
        }

        return await LoadAsync() ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var (succeeded, _) = await TrySendAsync(new DisableTwoFactorCommand());
        return await AfterAsync(succeeded);
    }

    private async Task<IActionResult> AfterAsync(bool succeeded)
    {
        if (!succeeded)
        {
            return await LoadAsync() ? Page() : Challenge();
        }

        // The security stamp changed with the key; keep this session signed in.
        await RefreshAsync();
        return RedirectToPage();
    }

    private async Task RefreshAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }

    private async Task<bool> LoadAsync()
    {
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Enabled = user.TwoFactorEnabled;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (!Enabled && key is not null)
        {
            AuthenticatorKey = Group(key);
            AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("GccSaaS")}:{Uri.EscapeDataString(user.Email ?? string.Empty)}"
                + $"?secret={key}&issuer={Uri.EscapeDataString("GccSaaS")}&digits=6";
        }

        return true;
    }

    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
