using System.Text.Json.Nodes;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GccSaaS.Host.Api;

/// <summary>
/// Completes <c>/openapi/v1.json</c> with what the conventions add to every <c>/v1</c> operation: the
/// <c>ApiKey</c> bearer scheme, the <c>MS-CorrelationId</c> and (on writes) <c>MS-RequestId</c> headers, the
/// paging parameters of lists, the 400/409/429 answers the conventions give, and the modules' webhook events.
/// </summary>
internal static class ApiOpenApi
{
    public const string DocumentName = "v1";

    public const string SecuritySchemeName = "ApiKey";

    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>(DocumentName, options =>
        {
            options.AddDocumentTransformer(DescribeDocumentAsync);
            options.AddDocumentTransformer(DescribeWebhookEventsAsync);
            options.AddOperationTransformer(DescribeOperationAsync);
        });

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
                $"Items per page, 1 to {ContinuationPage<object>.MaxSize} (default {ContinuationPage<object>.DefaultSize}).",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }));
            Add(operation, Query(ContinuationPaging.SeekOperationParameter,
                "Next, with the continuation token, for the pages after the first (follow links.next).", new OpenApiSchema { Type = JsonSchemaType.String }));
            Add(operation, Header(ApiHeaders.ContinuationToken,
                "The token from the previous page's links.next.headers. Also accepted as the continuationToken query parameter.", new OpenApiSchema { Type = JsonSchemaType.String }));
            Add(operation, Query(ContinuationPaging.TokenParameter,
                "Alternative to the MS-ContinuationToken header.", new OpenApiSchema { Type = JsonSchemaType.String }));
        }

        operation.Responses.TryAdd("429", new OpenApiResponse
        {
            Description = "rate_limited: the tenant's request budget for this minute is spent; retry after Retry-After seconds.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            },
        });
        return Task.CompletedTask;
    }

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
