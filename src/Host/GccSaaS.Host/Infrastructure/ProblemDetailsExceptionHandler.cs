using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GccSaaS.Host.Infrastructure;

/// <summary>
/// Turns refusals into RFC 9457 problem details with a stable <c>code</c> and a <c>description</c>,
/// the shape Partner Center clients expect (R-PC-10).
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, errors) = exception switch
        {
            RequestValidationException v => (StatusCodes.Status400BadRequest, "invalid_input", "The request is not valid.",
                v.Failures.Select(f => new { field = f.Field, code = f.Code, message = f.Message }).ToArray()),
            DomainRuleException d => (Refusals.StatusOf(d.Kind), d.Code, d.Message, null),
            TenantNotResolvedException => (StatusCodes.Status404NotFound, "tenant_not_found", "Not found.", null),
            _ => (0, string.Empty, string.Empty, null),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = title, Detail = exception.Message };
        details.Extensions["code"] = code;
        details.Extensions["description"] = exception is TenantNotResolvedException ? title : exception.Message;
        if (errors is not null)
        {
            details.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
