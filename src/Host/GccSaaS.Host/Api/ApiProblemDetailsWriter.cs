using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GccSaaS.Host.Api;

/// <summary>
/// Writes every problem under <c>/v1</c> as <c>application/problem+json</c> whatever the client's
/// <c>Accept</c> says (the default writer declines <c>text/html</c>, which would leave a plain-text or empty
/// body): an API answers in its format, except that a HEAD request's answer has no body. Registered ahead of the
/// default writer; elsewhere it declines.
/// </summary>
internal sealed class ApiProblemDetailsWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PartnerCenterApi.IsApiRequest(context.HttpContext.Request);
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var details = context.ProblemDetails;
        details.Status ??= response.StatusCode;
        details.Title ??= ReasonPhrases.GetReasonPhrase(details.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        if (HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            // RFC 9110 §9.3.2: a HEAD answer carries a GET's headers and no content (Partner Center's
            // HEAD /v1/domains/{domain}: "404 Not Found = available, empty body").
            response.ContentType = ApiProblems.ContentType;
            return ValueTask.CompletedTask;
        }

        return new ValueTask(response.WriteAsJsonAsync(details, details.GetType(), jsonOptions.Value.SerializerOptions, ApiProblems.ContentType));
    }
}
