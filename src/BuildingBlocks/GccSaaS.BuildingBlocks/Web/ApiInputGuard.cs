using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The one gate every <c>/v1</c> request passes before its endpoint (and before <c>MS-RequestId</c> is claimed):
/// query values must be valid text; a body must be uncompressed JSON in UTF-8 (415 otherwise), within the
/// route's size limit (413; 64 KB unless the endpoint declares more) and strictly valid (400
/// <c>invalid_json</c>, <c>invalid_field</c>, <c>field_too_long</c>). A refused request is answered whole:
/// no handler sees any part of it.
/// </summary>
internal sealed class ApiInputGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!PartnerCenterApi.IsApiRequest(context.Request))
        {
            await next(context);
            return;
        }

        var refusal = CheckQuery(context.Request) ?? await CheckBodyAsync(context);
        if (refusal is { } r)
        {
            await ApiProblems.WriteAsync(context, r.Status, r.Failure.Code, r.Failure.Description, r.Failure.ProblemData);
            return;
        }

        await next(context);
    }

    private static Refusal? CheckQuery(HttpRequest request)
    {
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && TextInput.Check(text) is var problem and not TextProblem.None)
            {
                return Refusal.BadRequest(new InputFailure(TextInput.Code(problem), name, Describe(problem)));
            }
        }

        foreach (var (key, values) in request.Query)
        {
            if (TextInput.Check(key, 100) != TextProblem.None)
            {
                return Refusal.BadRequest(new InputFailure("invalid_field", null, "A query parameter name is not valid text."));
            }

            foreach (var value in values)
            {
                if (value is not null && TextInput.Check(value) is var problem and not TextProblem.None)
                {
                    return Refusal.BadRequest(new InputFailure(TextInput.Code(problem), key, Describe(problem)));
                }
            }
        }

        return null;
    }

    private static async Task<Refusal?> CheckBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HasBody(request))
        {
            return null;
        }

        if (request.Headers.ContentEncoding is { Count: > 0 } encoding
            && !encoding.All(e => string.Equals(e?.Trim(), "identity", StringComparison.OrdinalIgnoreCase)))
        {
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, new InputFailure(
                "unsupported_content_encoding", null, "Content-Encoding is not supported here: send the body uncompressed."));
        }

        if (!IsUtf8Json(request.ContentType))
        {
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, new InputFailure(
                "unsupported_media_type", null, "Send the body as application/json in UTF-8."));
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? InputLimits.MaxJsonBodyBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        var body = await ReadBoundedAsync(request.Body, limit, context.RequestAborted);
        if (body is null)
        {
            return TooLarge(limit);
        }

        if (body.Length > 0 && JsonBodyValidator.Validate(body) is { } failure)
        {
            return Refusal.BadRequest(failure);
        }

        // The endpoint reads the validated bytes, never the wire again.
        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
        return null;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    private static bool IsUtf8Json(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? string.Empty;
        var json = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = media.Charset.Value;
        return json && (string.IsNullOrEmpty(charset) || charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (a chunked body has no length to check first).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var copy = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Refusal TooLarge(long limit) => new(StatusCodes.Status413PayloadTooLarge, new InputFailure(
        "payload_too_large", null, string.Create(CultureInfo.InvariantCulture, $"The body may have at most {limit / 1024} KB.")));

    internal static string Describe(TextProblem problem) => problem switch
    {
        TextProblem.TooLong => string.Create(CultureInfo.InvariantCulture, $"A text may have at most {InputLimits.MaxTextLength} characters."),
        TextProblem.ControlCharacter => "A text contains a control character (such as NUL).",
        _ => "A text is not valid Unicode.",
    };

    private readonly record struct Refusal(int Status, InputFailure Failure)
    {
        public static Refusal BadRequest(InputFailure failure) => new(StatusCodes.Status400BadRequest, failure);
    }
}

/// <summary>
/// Answers the framework's binding failures under <c>/v1</c> (a JSON value of the wrong type, a query value that is
/// not a GUID, a missing body) as 400 problem details that name the field, never the types behind it. Binding
/// throws these in every environment (<c>RouteHandlerOptions.ThrowOnBadRequest</c>), so they reach this one place.
/// </summary>
internal sealed partial class BindingFailureExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || !PartnerCenterApi.IsApiRequest(httpContext.Request))
        {
            return false;
        }

        var failure = Describe(bad);
        await ApiProblems.WriteAsync(httpContext, bad.StatusCode, failure.Code, failure.Description, failure.ProblemData, exception);
        return true;
    }

    internal static InputFailure Describe(BadHttpRequestException exception)
    {
        switch (exception.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return new InputFailure("payload_too_large", null, "The body is too large.");
            case StatusCodes.Status415UnsupportedMediaType:
                return new InputFailure("unsupported_media_type", null, "Send the body as application/json in UTF-8.");
        }

        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return field is null
                ? new InputFailure("invalid_json", null, "The body is not a JSON object of the expected shape.")
                : new InputFailure("invalid_field", field, $"The value of {field} is not of the expected type.");
        }

        var message = exception.Message;
        if (message.Contains("no body was provided", StringComparison.Ordinal) || message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return new InputFailure("invalid_json", null, "A JSON body is required.");
        }

        if (ParameterName().Match(message) is not { Success: true } match)
        {
            return new InputFailure("invalid_input", null, "The request is not valid.");
        }

        var name = match.Groups["name"].Value;
        return message.StartsWith("Required", StringComparison.Ordinal)
            ? new InputFailure("required", name, $"{name} is required.")
            : new InputFailure("invalid_field", name, $"{name} is not valid.");
    }

    /// <summary><c>$.billingProfile.email</c> → <c>billingProfile.email</c>; <c>$</c> (the body itself) → null.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return TextInput.Check(field, 200) == TextProblem.None ? field : null;
    }

    // "Failed to bind parameter "Guid? resellerId" from "x"." and "Required parameter "string name" was not provided…":
    // the last word inside the first quotes is the parameter's name; the type before it is never shown.
    // No match timeout: the framework's message is short and the pattern has no nested quantifier; a wall-time timeout
    // fired under load and answered 500 (issue 18).
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
