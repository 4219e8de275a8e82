using GccSaaS.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GccSaaS.Host.Shell.Notifications;

/// <summary>
/// The notification centre and the email channel. The area's types live in namespaces under
/// <c>GccSaaS.Host.Shell</c> because the shell's DbContext takes its entity configurations from there.
/// </summary>
internal static class NotificationsRegistration
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.TryAddScoped<ContinuationTokens>();
        builder.Services.AddScoped<IDashboardFigures, UnreadNotificationsFigure>();
        return builder;
    }
}
