using System.Diagnostics;
using System.Globalization;
using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.PasswordReset;
using GccSaaS.Modules.Identity.Resources;
using GccSaaS.Modules.Notifications.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Pages.Account;

/// <summary>
/// "Forgot password?" (issue 18): the typed address gets a single-use link valid 30 minutes when it is a portal user's.
/// Every answer is the same redirect to "if an account exists, we sent a link", taking at least
/// <see cref="IdentitySettings.PasswordResetAnswerTime"/>, and the mail is sent after it (<see cref="PasswordResetMailer"/>),
/// so neither the answer nor its timing says who has an account.
/// Each request counts against the typed address and the caller's source (<see cref="GuessForms.PasswordResetRequest"/>):
/// past the free ones the next waits, like a password guess, so nobody floods an inbox or probes addresses in bulk.
/// </summary>
[AllowAnonymous]
internal sealed class ForgotPasswordModel(
    IMediator mediator,
    UserManager<GccSaaSUser> users,
    GuessThrottle throttle,
    PasswordResetMailer mailer,
    IOptions<IdentitySettings> settings,
    IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    /// <summary>The page the mailed link opens.</summary>
    public const string ResetPath = "/account/reset-password";

    [BindProperty]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public string? Error { get; private set; }

    public void OnGet(bool sent = false) => Sent = sent;

    public async Task<IActionResult> OnPostAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var email = (Email ?? string.Empty).Trim();
        Email = string.Empty;
        if (await throttle.RetryAfterAsync(HttpContext, GuessForms.PasswordResetRequest, email) is { } wait)
        {
            Error = l["SignInThrottled", GuessThrottleHttp.Seconds(wait)];
            Response.RefuseTooManyGuesses(wait);
            return Page();
        }

        await throttle.FailedAsync(HttpContext, GuessForms.PasswordResetRequest, email);
        if (email.Length is > 0 and <= 256 && await users.FindByEmailAsync(email) is { } user && user.Email is { } address)
        {
            var token = await Mediator.Send(new RequestPasswordResetCommand(user.Id), HttpContext.RequestAborted);
            var lifetime = settings.Value.PasswordResetLifetime;
            mailer.Queue(
                new SendPasswordResetMailCommand(
                    address,
                    user.DisplayName is { Length: > 0 } name ? name : address,
                    ResetPath,
                    token,
                    (int)Math.Round(lifetime.TotalMinutes),
                    CultureInfo.CurrentUICulture.Name));
        }

        // Known or not, the answer comes no sooner than the set time (real time); the mail leaves after it.
        var remaining = settings.Value.PasswordResetAnswerTime - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, HttpContext.RequestAborted);
        }

        return RedirectToPage(new { sent = true });
    }
}
