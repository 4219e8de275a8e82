using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Notifications.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.Modules.Notifications.Features.DemoSeed;

/// <summary>
/// Notifications' step of the demo seed: the first seed welcomes the demo tenant's Global admin through the product's
/// own notification path (in-app, and by mail when SMTP is configured, as build/run.sh does with its local inbox), so a
/// new user sees a real mail arrive.
/// </summary>
internal static class WelcomeDemoSeed
{
    public const string Recipient = "global.admin@contoso.demo";

    public static readonly DemoSeedStep Step = new(NotificationsModule.Name, 90, async (context, cancellationToken) =>
    {
        if (!context.FirstSeed || !context.Users.TryGetValue(Recipient, out var admin))
        {
            return;
        }

        var tenant = context.DemoTenant;
        using var scope = context.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await context.Services.GetRequiredService<IMediator>().Send(
            new SendUserNotificationCommand(
                tenant.Id,
                "demo.welcome",
                $"Welcome to {tenant.Name} on GccSaaS",
                "The demo workspace is ready. Adatum Reseller is an active indirect reseller, Sam Sales has pending "
                + "invitations, and City of Bellevue Utilities waits on the review desk. Notifications like this one arrive "
                + "in the portal and, when SMTP is configured, by mail: invitation reminders and expiries, validation "
                + "decisions and information requests, partnership removals.",
                RecipientUserId: admin.Id,
                LinkUrl: $"/{tenant.Identifier}/",
                SendEmail: true,
                Culture: "en"),
            cancellationToken);
    });
}
