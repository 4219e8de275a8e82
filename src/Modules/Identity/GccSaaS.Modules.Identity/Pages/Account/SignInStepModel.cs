using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.PlatformAudit;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// A step of the partner portal's sign-in (the password, then the second factor): every guess goes through the
/// throttle of its <paramref name="form"/> (per account and per source, growing delays, never a lockout; issue 18),
/// every outcome reaches the platform audit log, and a success lands where the user may go.
/// </summary>
internal abstract class SignInStepModel(
    SignInManager<GccSaaSUser> signIn,
    SignInLanding landing,
    GuessThrottle throttle,
    IPlatformAuditLog audit,
    IStringLocalizer<IdentityResource> l,
    string form)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    protected SignInManager<GccSaaSUser> SignInManager => signIn;

    /// <summary>How long the guesser behind this request (at <paramref name="account"/>) still has to wait, if at all.</summary>
    protected Task<TimeSpan?> WaitAsync(string account) => throttle.RetryAfterAsync(HttpContext, form, account);

    /// <summary>The throttle's answer: 429 with Retry-After and the wait in words; nothing typed is sent back.</summary>
    protected PageResult Throttled(TimeSpan wait)
    {
        Error = l["SignInThrottled", GuessThrottleHttp.Seconds(wait)];
        Response.RefuseTooManyGuesses(wait);
        ForgetSecrets();
        return Page();
    }

    /// <summary>A right answer at <paramref name="account"/>: the throttle forgets this account's misses.</summary>
    protected Task PassedAsync(string account) => throttle.SucceededAsync(HttpContext, form, account);

    /// <summary>
    /// Signed in: recorded (with the tenant whose workspace the user lands in, when it is one), and sent where
    /// <paramref name="user"/> works (or back where they came from).
    /// </summary>
    protected async Task<IActionResult> SignedInAsync(GccSaaSUser user)
    {
        var (url, tenantId) = await landing.ForAsync(user, ReturnUrl, Url.IsLocalUrl);
        await SignInAudit.RecordAsync(audit, SignInAudit.SignedIn, user, HttpContext.RequestAborted, tenantId);
        return LocalRedirect(url);
    }

    /// <summary>
    /// A wrong answer: counted by the throttle, recorded (naming the account only when it exists, never what was typed),
    /// and answered 401 with <paramref name="messageKey"/>.
    /// </summary>
    protected async Task<PageResult> MissedAsync(string account, GccSaaSUser? user, string messageKey)
    {
        await throttle.FailedAsync(HttpContext, form, account);
        await SignInAudit.RecordAsync(audit, SignInAudit.SignInFailed, user, HttpContext.RequestAborted);
        Error = l[messageKey];
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        ForgetSecrets();
        return Page();
    }

    /// <summary>Clears what was typed that must not be sent back in the page (a password).</summary>
    protected virtual void ForgetSecrets()
    {
    }
}
