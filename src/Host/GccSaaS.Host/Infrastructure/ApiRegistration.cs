using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.BuildingBlocks.Web.OpenApi;
using GccSaaS.Host.Api;

// In Infrastructure (folder and namespace) with the host's other composition calls, so Program.cs and
// HostInfrastructure.cs need no extra using to call it; the API's parts it wires stay in Api.
namespace GccSaaS.Host.Infrastructure;

/// <summary>
/// The host's half of the <c>/v1</c> conventions (R-PC-10); modules take theirs from
/// <see cref="PartnerCenterApi"/>. See docs/api.md for what API users see.
/// </summary>
internal static class ApiRegistration
{
    public static IHostApplicationBuilder AddPartnerCenterApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // The conventions, with the MS-RequestId store and its sweep (BuildingBlocks/Web).
        services.AddPartnerCenterConventions();

        // Ahead of the default writer, which declines clients that do not ask for JSON (see the writer).
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, ApiProblemDetailsWriter>());
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var earlier = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                ApiProblems.Complete(context);
            };
        });

        services.AddApiRateLimiting(builder.Configuration);
        services.AddApiOpenApi();
        return builder;
    }

    /// <summary>The first middleware of the pipeline: correlation id in, out and in every log line.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.UseMiddleware<CorrelationIdMiddleware>();

    /// <summary>
    /// Right after routing (before authentication): echo MS-RequestId, keep portal pages out of <c>/v1</c>, then the
    /// shared budget of <c>/v1</c> per tenant (issue 18).
    /// </summary>
    public static IApplicationBuilder UsePartnerCenterApi(this IApplicationBuilder app)
    {
        app.UseMiddleware<ApiRequestMiddleware>();
        app.UseSharedRateLimits();
        return app;
    }

    /// <summary>
    /// Right after authentication: the portal's budgets per source address and per signed-in user, shared by every
    /// host (issue 18), in one statement (issue 19).
    /// </summary>
    public static IApplicationBuilder UsePerUserRateLimit(this IApplicationBuilder app) => app.UseSignedInRateLimits();
}
