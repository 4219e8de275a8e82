using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// An event a module sends to its subscribers' webhooks (issue 17), for the OpenAPI document: the host publishes each as
/// <c>components/schemas/WebhookEvent_{type}</c> (dots as underscores) and in the document's <c>webhooks</c> section
/// (OpenAPI 3.1). The body is <c>{ "type", "version", "timestamp", "data" }</c> with <paramref name="DataType"/> as data.
/// </summary>
public sealed record ApiWebhookEvent(string Type, string Version, Type DataType, string Description)
{
    public const string SchemaPrefix = "WebhookEvent_";

    /// <summary>The component schema's name: <c>WebhookEvent_partnership_accepted</c> for <c>partnership.accepted</c>.</summary>
    public string SchemaName => SchemaPrefix + Type.Replace('.', '_');
}

public static class ApiWebhookEventRegistration
{
    /// <summary>Publishes the module's webhook events in the OpenAPI document (a module registers its own, ADR 0018).</summary>
    public static IServiceCollection AddApiWebhookEvents(this IServiceCollection services, IEnumerable<ApiWebhookEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            services.AddSingleton(e);
        }

        return services;
    }
}
