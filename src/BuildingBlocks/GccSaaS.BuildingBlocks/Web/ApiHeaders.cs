namespace GccSaaS.BuildingBlocks.Web;

/// <summary>The Partner Center headers the <c>/v1</c> API speaks (R-PC-10).</summary>
public static class ApiHeaders
{
    /// <summary>Makes a write idempotent: a retry with the same id gets the first response back.</summary>
    public const string RequestId = "MS-RequestId";

    /// <summary>Traces one call (or one client operation) through every log line; accepted or created, always returned.</summary>
    public const string CorrelationId = "MS-CorrelationId";

    /// <summary>Asks a list for the page after the one that handed out the token.</summary>
    public const string ContinuationToken = "MS-ContinuationToken";

    /// <summary>Set to <c>true</c> on a response that is the stored answer to an earlier request with the same id.</summary>
    public const string IdempotentReplay = "MS-Idempotent-Replay";

    /// <summary>The tenant's request budget for the current one-minute window (every <c>/v1</c> answer; IETF RateLimit headers draft).</summary>
    public const string RateLimitLimit = "RateLimit-Limit";

    /// <summary>Requests left in the current window, this one counted (0 once the budget is spent).</summary>
    public const string RateLimitRemaining = "RateLimit-Remaining";

    /// <summary>Seconds until the current window ends and the budget is whole again.</summary>
    public const string RateLimitReset = "RateLimit-Reset";
}
