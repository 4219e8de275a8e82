using GccSaaS.BuildingBlocks.Mediation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The one mapping from a refusal to an HTTP status, for problem details and for portal pages alike: bad input
/// 400, a rule's kind its own status (404 not found, 409 conflict, 403 forbidden, 422 a rule said no). On <c>/v1</c>
/// (<see cref="ApiStatusOf"/>) a rule that said no answers its code's status (<see cref="ApiErrorCatalog"/>) instead:
/// 400, or 409 for a conflict, as Partner Center does; <c>/v1</c> never answers 422.
/// </summary>
public static class Refusals
{
    /// <summary>The status a refusal answers with, or null when <paramref name="exception"/> is no refusal.</summary>
    public static int? StatusOf(Exception exception) => exception switch
    {
        RequestValidationException => StatusCodes.Status400BadRequest,
        DomainRuleException rule => StatusOf(rule.Kind),
        _ => null,
    };

    public static int StatusOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>
    /// The status of a refusal on <c>/v1</c>, given its <paramref name="code"/> (null when no table lists it) and the
    /// status it would answer elsewhere: a business refusal (422 in the portal) takes its code's status (400 when it has
    /// none); every other status (400, 401, 403, 404, 409, 412, 428, …) stays as it is.
    /// </summary>
    public static int ApiStatusOf(ApiErrorCode? code, int status) =>
        status == StatusCodes.Status422UnprocessableEntity
            ? code?.Status is { } listed and not StatusCodes.Status422UnprocessableEntity ? listed : StatusCodes.Status400BadRequest
            : status;

    /// <summary>
    /// The status of a request the server could not read (a body over its limit, a form that is not one): the client's
    /// fault, so a 4xx page or problem and never a 500.
    /// </summary>
    public static int StatusOfUnreadableRequest(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException or AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
