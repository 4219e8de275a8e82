namespace GccSaaS.Modules.Identity.Api;

/// <summary>Problem details for /v1 refusals, with the stable <c>code</c> and <c>description</c> of R-PC-10.</summary>
internal static class ApiProblem
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string description)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = description, Detail = description };
        details.Extensions["code"] = code;
        details.Extensions["description"] = description;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
        {
            await context.Response.WriteAsJsonAsync(details, options: null, contentType: "application/problem+json", context.RequestAborted);
        }
    }
}
