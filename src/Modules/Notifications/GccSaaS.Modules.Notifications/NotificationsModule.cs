using GccSaaS.Modules.Notifications.Data;
using GccSaaS.Modules.Notifications.Email;
using GccSaaS.Modules.Notifications.Features;
using GccSaaS.Modules.Notifications.Features.AuditLog;
using GccSaaS.Modules.Notifications.Features.NotificationCentre;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using Microsoft.Extensions.Options;
using GccSaaS.Modules.Notifications.Resources;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GccSaaS.Modules.Notifications;

/// <summary>
/// The Notifications module's only public type: the notification centre, email delivery (MailKit) and the tenant
/// audit log, and webhooks, with their pages, <c>/v1</c> endpoints and the unread badge the layout shows.
/// </summary>
public static class NotificationsModule
{
    public const string Name = "Notifications";

    public static IHostApplicationBuilder AddNotificationsModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule(new ModuleParts<NotificationsDbContext>(Name, NotificationsDbContext.SchemaName, typeof(NotificationsResource)));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.TryAddScoped<ContinuationTokens>();
        builder.Services.AddScoped<AuditActionNames>();

        // Webhooks (issue 17): endpoints, fan-out of other modules' facts, the delivery sweep and its sender.
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        builder.Services.TryAddSingleton<WebhookSender>();
        builder.Services.TryAddSingleton<WebhookAddressGuard>();
        builder.Services.TryAddScoped<WebhookSigning>();
        builder.Services.TryAddScoped<WebhookScope>();
        builder.Services.TryAddScoped<WebhookFanOut>();
        builder.Services.TryAddScoped<WebhookLog>();
        builder.Services.TryAddScoped<WebhookDeliveryRunner>();
        builder.Services.AddApiWebhookEvents(WebhookEventTypes.All.Select(t => new ApiWebhookEvent(t.Name, WebhookEventTypes.Version, t.DataType, t.Description)));
        builder.Services.AddSweepJob<WebhookDeliverySweepJob>(
            WebhookDeliverySweepJob.JobName, sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.SweepInterval);
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapNotificationsApi();
        endpoints.MapAuditEndpoints();
        endpoints.MapWebhookEndpoints();
        return endpoints;
    }
}
