using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The one call a module's <c>/v1</c> endpoints get (R-PC-10):
/// <code>var v1 = endpoints.MapPartnerCenterApi().WithTags(Name);</code>
/// Every POST, PUT, PATCH and DELETE mapped on that group is idempotent by <c>MS-RequestId</c>; the group is
/// documented with the API key scheme and the Partner Center headers. Errors, rate limits and correlation
/// ids hold for all of <c>/v1</c> anyway (host middleware); list endpoints page with
/// <see cref="ContinuationPage{TKey}"/>.
/// </summary>
public static class PartnerCenterApi
{
    public const string Prefix = "/v1";

    /// <summary>True for requests under <c>/v1</c>, where every answer is JSON and every error is problem details.</summary>
    public static bool IsApiRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Maps the <c>/v1</c> route group with the Partner Center conventions applied.</summary>
    public static RouteGroupBuilder MapPartnerCenterApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGroup(Prefix).WithPartnerCenterConventions();
    }

    /// <summary>
    /// Applies the conventions to a group (or one endpoint): marks it as part of the API and wraps every
    /// endpoint that accepts a write method in <c>MS-RequestId</c> idempotency. The wrapper runs where the
    /// endpoint runs, so after authentication and authorization and before the body is bound.
    /// </summary>
    public static TBuilder WithPartnerCenterConventions<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<PartnerCenterApiMetadata>().Any())
            {
                return; // applied by an outer group already; wrapping twice would claim the request id twice
            }

            endpoint.Metadata.Add(PartnerCenterApiMetadata.Instance);
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods;
            if (endpoint.RequestDelegate is { } inner && (methods is null || methods.Any(IdempotentWrites.IsWriteMethod)))
            {
                endpoint.Metadata.Add(IdempotentWriteMetadata.Instance);
                endpoint.RequestDelegate = IdempotentWrites.Wrap(inner);
            }
        });
        return builder;
    }
}

/// <summary>Marks an endpoint mapped with <see cref="PartnerCenterApi.WithPartnerCenterConventions{TBuilder}"/>.</summary>
public sealed class PartnerCenterApiMetadata
{
    public static readonly PartnerCenterApiMetadata Instance = new();

    private PartnerCenterApiMetadata()
    {
    }
}

/// <summary>Marks an endpoint whose writes are idempotent by <c>MS-RequestId</c> (documented in OpenAPI).</summary>
public sealed class IdempotentWriteMetadata
{
    public static readonly IdempotentWriteMetadata Instance = new();

    private IdempotentWriteMetadata()
    {
    }
}

/// <summary>
/// Marks a write whose answer carries a one-time secret (a customer administrator's temporary password,
/// R-CUS-2): the <c>MS-RequestId</c> store does not keep its answer; the endpoint's handler is idempotent by
/// the request id itself and answers a retry without the secret. Add with <c>.WithMetadata(OneTimeSecretResponseMetadata.Instance)</c>.
/// </summary>
public sealed class OneTimeSecretResponseMetadata
{
    public static readonly OneTimeSecretResponseMetadata Instance = new();

    private OneTimeSecretResponseMetadata()
    {
    }
}
