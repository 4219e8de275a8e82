using GccSaaS.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The error shape of <c>/v1</c> (R-PC-10): RFC 9457 problem details that also carry Partner Center's
/// <c>code</c>, <c>description</c> (at most 1024 characters), <c>source</c> and, where it helps, <c>data</c>,
/// plus the call's <c>correlationId</c>.
/// </summary>
public static class ApiProblems
{
    public const string Source = "GccSaaS";

    public const int MaxDescriptionLength = 1024;

    public const string ContentType = "application/problem+json";

    /// <summary>The code a status answers with when nothing more specific was said.</summary>
    public static string DefaultCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_input",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status406NotAcceptable => "not_acceptable",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status412PreconditionFailed => "precondition_failed",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable_request",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status500InternalServerError => "internal_error",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable",
        _ => "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The description a status answers with when nothing more specific was said.</summary>
    public static string DefaultDescription(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => "Authorization: Bearer <API key> is missing or not valid.",
        StatusCodes.Status403Forbidden => "Your role may not do this.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => "This resource does not accept that HTTP method.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status500InternalServerError => "An unexpected error occurred. Quote the correlation id when you report it.",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "The request failed.",
    };

    /// <summary>
    /// Completes any problem details written for this request with the <c>/v1</c> fields, keeping what the
    /// writer already said. Registered as <c>ProblemDetailsOptions.CustomizeProblemDetails</c>.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var details = context.ProblemDetails;
        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        details.Status = status;
        var extensions = details.Extensions;
        if (extensions.TryGetValue("code", out var code) is false || code is null)
        {
            extensions["code"] = DefaultCode(status);
        }

        var description = extensions.TryGetValue("description", out var given) && given is string text && text.Length > 0
            ? text
            : details.Detail is { Length: > 0 } detail && status < StatusCodes.Status500InternalServerError ? detail : DefaultDescription(status);
        extensions["description"] = description.Length > MaxDescriptionLength ? description[..MaxDescriptionLength] : description;
        extensions["source"] = Source;
        var header = context.HttpContext.Response.Headers[ApiHeaders.CorrelationId].ToString();
        extensions["correlationId"] = CorrelationContext.Current ?? (header.Length > 0 ? header : null);
        if (!extensions.ContainsKey("data"))
        {
            // Partner Center clients read "data"; validation failures arrive named "errors".
            if (extensions.TryGetValue("errors", out var errors))
            {
                extensions["data"] = errors;
            }
            else if (details is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
            {
                extensions["data"] = validation.Errors
                    .SelectMany(e => e.Value.Select(message => new { field = e.Key, message }))
                    .ToArray();
            }
        }
    }

    /// <summary>Answers the request with a problem (used by the conventions themselves, e.g. 409 request_in_progress).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string description, object? data = null, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var details = new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.GetReasonPhrase(status),
            Detail = description,
        };
        details.Extensions["code"] = code;
        details.Extensions["description"] = description;
        if (data is not null)
        {
            details.Extensions["data"] = data;
        }

        var problems = context.RequestServices.GetService<IProblemDetailsService>();
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception }))
        {
            Complete(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
            await context.Response.WriteAsJsonAsync(details, details.GetType(), options: null, contentType: ContentType);
        }
    }
}

/// <summary>Answers an <see cref="ApiProblemException"/> with its status and code.</summary>
internal sealed class ApiProblemExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ApiProblemException problem)
        {
            return false;
        }

        await ApiProblems.WriteAsync(httpContext, problem.StatusCode, problem.Code, problem.Description, problem.ProblemData, problem);
        return true;
    }
}
