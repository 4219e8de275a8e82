using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace GccSaaS.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Completes <c>/openapi/v1.json</c> with what the conventions add to every <c>/v1</c> operation: the
/// <c>ApiKey</c> bearer scheme, the <c>MS-CorrelationId</c> and (on writes) <c>MS-RequestId</c> headers, the
/// paging parameters of lists, the 400/409/429 answers the conventions give, the RateLimit headers every answer
/// carries, the server, and the modules' webhook events; last, the input gate's limits on every schema
/// (<see cref="ApiOpenApiLimits"/>). build/test.sh lints the result (OpenApiLintTests, build/lint/.spectral.yaml).
/// </summary>
public static class ApiOpenApi
{
    public const string DocumentName = "v1";

    public const string SecuritySchemeName = "ApiKey";

    /// <summary>Describes <c>/v1</c> in the <see cref="DocumentName"/> document: the host calls it with <c>AddOpenApi</c>.</summary>
    public static IServiceCollection AddApiOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.Configure<OpenApiOptions>(DocumentName, options =>
        {
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddDocumentTransformer(DescribeWebhookEventsAsync);
            options.AddDocumentTransformer(DescribeServerAsync);
            options.AddOperationTransformer(DescribeOperationAsync);
            options.AddDocumentTransformer(DescribeLimitsAsync);
        });
    }

    /// <summary>Last: the input gate's limits on every schema, also those the transformers above wrote.</summary>
    private static Task DescribeLimitsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ApiOpenApiLimits.Describe(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The one server: the configured public address (<c>Portal:PublicBaseUrl</c>, ADR 0016), never the request's host.
    /// Over https it is the production address clients call; a plain-http base only exists in Development and Testing
    /// (local hosts), where the document names "this host" relatively instead of an http:// URL.
    /// </summary>
    private static Task DescribeServerAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var baseUrl = context.ApplicationServices.GetRequiredService<PublicLinks>().BaseUrl;
        var secure = baseUrl.Scheme == Uri.UriSchemeHttps;
        var server = secure
            ? new OpenApiServer
            {
                Url = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'),
                Description = "Production: the provider's public address, over HTTPS. The API is for the provider's and its resellers' servers (API keys).",
            }
            : new OpenApiServer
            {
                Url = baseUrl.AbsolutePath,
                Description = "Local or testing host (Development, Testing): the address this document was served from. Production serves the API at its https public address.",
            };
        server.Extensions = new Dictionary<string, IOpenApiExtension>
        {
            // Public to the provider's and resellers' own systems in production; a local or testing host is nobody's API.
            ["x-internal"] = new JsonNodeExtension(JsonValue.Create(!secure)),
        };
        document.Servers = [server];
        return Task.CompletedTask;
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "GccSaaS API";
        document.Info.Version = DocumentName;
        document.Info.Description =
            "Partner Center-style REST API of an indirect provider's tenant. Authenticate with `Authorization: Bearer <API key>`; "
            + "the key decides the tenant and the role. Writes are idempotent by `MS-RequestId`; lists page with continuation tokens; "
            + "errors are problem details with `code` and `description`. See docs/api.md.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "GccSaaS API key",
            Description = "A tenant-scoped API key created by a Global admin in the portal (Settings, API keys). It carries a role.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] });
        return Task.CompletedTask;
    }

    /// <summary>
    /// The modules' webhook events (<see cref="ApiWebhookEvent"/>, issue 17): one component schema per event type,
    /// <c>WebhookEvent_{type}</c>, and an entry in the OpenAPI 3.1 <c>webhooks</c> section that posts it.
    /// </summary>
    private static async Task DescribeWebhookEventsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var events = context.ApplicationServices.GetServices<ApiWebhookEvent>().ToList();
        if (events.Count == 0)
        {
            return;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var e in events)
        {
            var data = await context.GetOrCreateSchemaAsync(e.DataType, null, cancellationToken);
            document.Components.Schemas[e.SchemaName] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"{e.Type}: {e.Description} Deduplicate by the webhook-id header; verify webhook-signature (docs/webhooks.md).",
                Required = new HashSet<string> { "type", "version", "timestamp", "data" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(e.Type)] },
                    ["version"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(e.Version)] },
                    ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When the fact happened." },
                    ["data"] = data,
                },
            };
            document.Webhooks[e.Type] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new OpenApiOperation
                    {
                        OperationId = e.SchemaName,
                        Summary = e.Description,
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/json"] = new() { Schema = new OpenApiSchemaReference(e.SchemaName, document) },
                            },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["2XX"] = new OpenApiResponse { Description = "Received. Any other answer, or none within 10 seconds, is retried with back-off." },
                        },
                    },
                },
            };
        }
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<PartnerCenterApiMetadata>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Responses ??= [];
        Add(operation, Header(ApiHeaders.CorrelationId,
            "Correlates the call in logs and errors. Sent back on every response; created when absent.", Uuid()));

        var method = context.Description.HttpMethod ?? string.Empty;
        if (metadata.OfType<IdempotentWriteMetadata>().Any() && IsWrite(method))
        {
            Add(operation, Header(ApiHeaders.RequestId,
                "Idempotency key (GUID). Retrying with the same id and the same request returns the first response "
                + "(with MS-Idempotent-Replay: true) instead of running the write again. Use a new id for every new request.", Uuid()));
            operation.Responses.TryAdd("400", Problem("Bad input, request_id_reused (this MS-RequestId was used for a different request) or a business rule refused it; the problem's type names the error, code is its number (docs/api.md)."));
            operation.Responses.TryAdd("409", Problem("request_in_progress: the first request with this MS-RequestId is still running; or a conflict with the resource's state."));
        }

        if (metadata.OfType<ContinuationPagingMetadata>().Any())
        {
            RemoveCustomBound(operation, context);
            Add(operation, Query(ContinuationPaging.SizeParameter,
                $"Items per page, 1 to {ContinuationPage<object>.MaxSize} (default {ContinuationPage<object>.DefaultSize}; 0 is the default too).",
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "0",
                    Maximum = ContinuationPage<object>.MaxSize.ToString(CultureInfo.InvariantCulture),
                }));
            Add(operation, Query(ContinuationPaging.SeekOperationParameter,
                "Next, with the continuation token, for the pages after the first (follow links.next).", new OpenApiSchema { Type = JsonSchemaType.String }));
            Add(operation, Header(ApiHeaders.ContinuationToken,
                "The token from the previous page's links.next.headers. Also accepted as the continuationToken query parameter.", ContinuationTokenSchema()));
            Add(operation, Query(ContinuationPaging.TokenParameter,
                "Alternative to the MS-ContinuationToken header. An opaque, encrypted list position bound to the tenant and the list, not a credential.",
                ContinuationTokenSchema()));
        }

        // The input gate checks every route value and query value of every /v1 request (and binding failures answer 400 too).
        operation.Responses.TryAdd("400", Problem(
            "Bad input: a route or query value that is no valid text, too long (field_too_long) or not of its type (invalid_field, required), "
            + "bad paging parameters (invalid_input, invalid_continuation_token); problem details naming the field in data (docs/api.md)."));
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Responses.TryAdd("401", Problem("unauthorized: no valid API key in Authorization: Bearer; api_key_expired: the key has expired."));
        }

        operation.Responses.TryAdd("500", Problem("internal_error: our fault; retry (with the same MS-RequestId for a write) and quote the correlationId if it persists."));
        operation.Responses.TryAdd("429", new OpenApiResponse
        {
            Description = "rate_limited: the tenant's request budget for this minute is spent; retry after Retry-After seconds.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "60" },
                },
            },
            Content = Problem(string.Empty).Content,
        });
        DescribeRateLimitHeaders(operation);
        ApiOpenApiLimits.Describe(operation);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every counted <c>/v1</c> answer carries the tenant's budget (<see cref="Abuse.ApiRateLimiting"/>); declared on each 2xx and
    /// 4xx answer, as the OWASP ruleset asks.
    /// </summary>
    private static void DescribeRateLimitHeaders(OpenApiOperation operation)
    {
        foreach (var (status, candidate) in operation.Responses ?? [])
        {
            if (candidate is not OpenApiResponse response || !(status.StartsWith('2') || status.StartsWith('4')))
            {
                continue;
            }

            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers.TryAdd(ApiHeaders.RateLimitLimit, RateLimitHeader("The tenant's request budget for the current one-minute window."));
            response.Headers.TryAdd(ApiHeaders.RateLimitRemaining, RateLimitHeader("Requests left in the current window, this one counted."));
            response.Headers.TryAdd(ApiHeaders.RateLimitReset, RateLimitHeader("Seconds until the window ends and the budget is whole again.", maximum: 60));
        }
    }

    private static OpenApiHeader RateLimitHeader(string description, int maximum = int.MaxValue) => new()
    {
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = "0",
            Maximum = maximum.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>The page parameter binds itself from several inputs; it is described by the parameters above instead.</summary>
    private static void RemoveCustomBound(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var pageParameters = context.Description.ParameterDescriptions
            .Where(p => p.Type is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ContinuationPage<>))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (operation.Parameters is not { } parameters)
        {
            return;
        }

        for (var i = parameters.Count - 1; i >= 0; i--)
        {
            if (parameters[i].Name is { } name && pageParameters.Contains(name))
            {
                parameters.RemoveAt(i);
            }
        }
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static void Add(OpenApiOperation operation, OpenApiParameter parameter)
    {
        var parameters = operation.Parameters ??= [];
        if (!parameters.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) && p.In == parameter.In))
        {
            parameters.Add(parameter);
        }
    }

    private static OpenApiParameter Header(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = schema };

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Required = false, Description = description, Schema = schema };

    /// <summary>Longer tokens are refused before decoding (<see cref="ContinuationTokenCodec.MaxTokenLength"/>).</summary>
    private static OpenApiSchema ContinuationTokenSchema() => new() { Type = JsonSchemaType.String, MaxLength = ContinuationTokenCodec.MaxTokenLength };

    private static OpenApiSchema Uuid() => new() { Type = JsonSchemaType.String, Format = "uuid" };

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ApiProblems.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
        },
    };
}
