using GccSaaS.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The error shape of <c>/v1</c> (R-PC-10): RFC 9457 problem details (<c>type</c> names the error,
/// <c>urn:gccsaas:error:{name}</c>) that also carry Partner Center's numeric <c>code</c>, <c>description</c> (at most
/// 1024 characters), <c>data</c> (always an array), <c>source</c> and <c>errorName</c>, plus the call's
/// <c>correlationId</c>.
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
    /// writer already said. Registered as <c>ProblemDetailsOptions.CustomizeProblemDetails</c>; the one place every
    /// refusal of every module passes on its way out. The writer names the error (<c>code</c>, snake_case); this
    /// turns the name into the problem's <c>type</c> (<c>urn:gccsaas:error:{name}</c>, also <c>errorName</c>) and
    /// <c>code</c> into its number (<see cref="ApiErrorCatalog"/>), and on <c>/v1</c> answers a business refusal with the
    /// code's status (<see cref="Refusals.ApiStatusOf"/>: 400 or 409, never 422). <c>data</c> is always an array.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var details = context.ProblemDetails;
        var http = context.HttpContext;
        var extensions = details.Extensions;
        var given = details.Status ?? http.Response.StatusCode;
        var name = NameOf(extensions);
        var codes = http.RequestServices.GetRequiredService<ApiErrorCatalog>();
        var status = PartnerCenterApi.IsApiRequest(http.Request) ? Refusals.ApiStatusOf(codes.Find(name ?? string.Empty), given) : given;
        if (status != given && !http.Response.HasStarted)
        {
            http.Response.StatusCode = status;
            if (details.Title is null || string.Equals(details.Title, ReasonPhrases.GetReasonPhrase(given), StringComparison.Ordinal))
            {
                details.Title = ReasonPhrases.GetReasonPhrase(status);
            }
        }

        details.Status = status;
        name ??= DefaultCode(status);
        details.Type = ApiErrorCodes.TypeOf(name);
        details.Instance ??= http.Request.Path.HasValue ? http.Request.PathBase.Add(http.Request.Path).Value : null;
        extensions["code"] = codes.NumberOf(name);
        extensions["errorName"] = name;

        var description = extensions.TryGetValue("description", out var said) && said is string text && text.Length > 0
            ? text
            : details.Detail is { Length: > 0 } detail && status < StatusCodes.Status500InternalServerError ? detail : DefaultDescription(status);
        extensions["description"] = description.Length > MaxDescriptionLength ? description[..MaxDescriptionLength] : description;
        extensions["source"] = Source;
        var header = http.Response.Headers[ApiHeaders.CorrelationId].ToString();
        extensions["correlationId"] = CorrelationContext.Current ?? (header.Length > 0 ? header : null);
        extensions["data"] = DataOf(details);
    }

    /// <summary>The error's snake_case name as the writer gave it (or as an earlier completion kept it).</summary>
    private static string? NameOf(IDictionary<string, object?> extensions) =>
        extensions.TryGetValue("errorName", out var kept) && kept is string keptName && keptName.Length > 0 ? keptName
        : extensions.TryGetValue("code", out var code) && code is string name && name.Length > 0 ? name
        : null;

    /// <summary>Partner Center's <c>data</c>: always an array, empty when there is nothing to say.</summary>
    private static object DataOf(ProblemDetails details)
    {
        var extensions = details.Extensions;
        var data = extensions.TryGetValue("data", out var given) && given is not null ? given
            // Partner Center clients read "data"; validation failures arrive named "errors".
            : extensions.TryGetValue("errors", out var errors) && errors is not null ? errors
            : details is HttpValidationProblemDetails { Errors.Count: > 0 } validation
                ? validation.Errors.SelectMany(e => e.Value.Select(message => new { field = e.Key, message })).ToArray()
                : null;
        return data switch
        {
            null => Array.Empty<object>(),
            string single => new[] { single },
            System.Collections.IEnumerable => data,
            _ => new[] { data },
        };
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
        details.Extensions["code"] = code; // the name; Complete makes it the type and the number
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
