using GccSaaS.BuildingBlocks.Mediation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The one mapping from a refusal to an HTTP status, for problem details and for portal pages alike: bad input
/// 400, a rule's kind its own status (404 not found, 409 conflict, 403 forbidden, 422 a rule said no).
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
