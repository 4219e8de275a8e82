using System.Threading.Channels;
using GccSaaS.Modules.Notifications.Contracts;

namespace GccSaaS.Modules.Identity.Features.PasswordReset;

/// <summary>
/// Sends password reset mails after the "forgot password" answer has gone (issue 18): the answer then takes the same
/// time for an address with an account and one without, however slow the SMTP server is. The mail goes to
/// Notifications as <see cref="SendPasswordResetMailCommand"/> in a scope of its own, at once, never through an outbox:
/// the token lives in this queue's memory until the mail has left (a host that stops before loses it; the user asks
/// again). A full queue drops the mail rather than make the answer wait.
/// </summary>
internal sealed partial class PasswordResetMailer(IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    private readonly Channel<SendPasswordResetMailCommand> _queue = Channel.CreateBounded<SendPasswordResetMailCommand>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Queue(SendPasswordResetMailCommand mail)
    {
        if (!_queue.Writer.TryWrite(mail))
        {
            LogDropped(logger);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(mail, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // By kind only: nothing of the mail (its link) goes into a log line.
                LogFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many password reset mails are waiting; one is dropped (the user can ask again)")]
    private static partial void LogDropped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password reset mail could not be handed to Notifications ({Failure}); the user can ask again")]
    private static partial void LogFailed(ILogger logger, string failure);
}
