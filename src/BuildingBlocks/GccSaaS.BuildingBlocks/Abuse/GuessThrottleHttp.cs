using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Abuse;

/// <summary>
/// The throttle as every password or token form uses it: check before the guess is looked at, count a wrong
/// guess, clear on a right one. The form names the budget (<c>portal</c> for the partner sign-in,
/// <c>customer</c> for the customer administrator's password on any page); the source is the caller's address.
/// </summary>
public static class GuessThrottleHttp
{
    /// <summary>The wait before another guess is allowed, or null when a guess may be checked now.</summary>
    public static Task<TimeSpan?> RetryAfterAsync(this GuessThrottle throttle, HttpContext context, string form, string? account)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(context);
        return throttle.RetryAfterAsync(GuessThrottle.AccountKey(form, account), GuessThrottle.SourceKey(context), context.RequestAborted);
    }

    public static Task<TimeSpan?> FailedAsync(this GuessThrottle throttle, HttpContext context, string form, string? account)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(context);
        return throttle.FailedAsync(GuessThrottle.AccountKey(form, account), GuessThrottle.SourceKey(context), context.RequestAborted);
    }

    public static Task SucceededAsync(this GuessThrottle throttle, HttpContext context, string form, string? account)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(context);
        return throttle.SucceededAsync(GuessThrottle.AccountKey(form, account), context.RequestAborted);
    }

    /// <summary>Whole seconds of a wait, at least one (for <c>Retry-After</c> and for the page's text).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Answers 429 with <c>Retry-After</c>; the page then shows its own "wait" text.</summary>
    public static void RefuseTooManyGuesses(this HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The throttle's budgets by secret, shared by every page that asks for it (one budget per secret, not per page,
/// so moving between pages buys no extra guesses).
/// </summary>
public static class GuessForms
{
    /// <summary>A partner portal user's password: sign-in and the password change.</summary>
    public const string PortalPassword = "portal";

    /// <summary>A portal user's second-factor or recovery code.</summary>
    public const string PortalTwoFactor = "portal-two-factor";

    /// <summary>Asking for a password reset mail: keyed by the typed address, whether or not such an account exists.</summary>
    public const string PasswordResetRequest = "password-reset";

    /// <summary>Links with a token (invitations, password resets): keyed by the token's hash.</summary>
    public const string LinkToken = "link-token";

    /// <summary>A customer tenant administrator's password: the workspace sign-in and the relationship acceptance page.</summary>
    public const string CustomerAdministrator = "customer";
}
