using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Notifications.Resources;

namespace GccSaaS.Modules.Notifications.Features.DemoSeed;

/// <summary>
/// Notifications' step of the demo seed: the first seed welcomes the demo tenant's Global admin through the product's
/// own notification path (in-app, and by mail when SMTP is configured, as build/run.sh does with its local inbox), so a
/// new user sees a real mail arrive.
/// </summary>
internal sealed class WelcomeDemoSeed : IDemoSeed
{
    public const string Recipient = "global.admin@contoso.demo";

    public static DemoSeedStep DemoStep { get; } = new(NotificationsModule.Name, 90, async (context, cancellationToken) =>
    {
        if (!context.FirstSeed || !context.Users.TryGetValue(Recipient, out var admin))
        {
            return;
        }

        var tenant = context.DemoTenant;
        using var scope = context.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        var texts = context.Services.GetRequiredService<IStringLocalizer<NotificationsResource>>();
        NotificationTranslation Welcome(string culture) => new(culture, texts["Welcome_Subject", tenant.Name].Value, texts["Welcome_Body"].Value);
        var translations = CultureScope.InEveryLanguage(Welcome);
        var english = translations[0]; // the mail's language: the demo user has no language of their own
        await context.Services.GetRequiredService<IMediator>().Send(
            new SendUserNotificationCommand(
                tenant.Id,
                "demo.welcome",
                english.Subject,
                english.Body,
                RecipientUserId: admin.Id,
                LinkUrl: $"/{tenant.Identifier}/",
                SendEmail: true,
                Culture: english.Culture,
                Translations: translations), // the centre shows it in the reader's language
            cancellationToken);
    });
}
