using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GccSaaS.Modules.Notifications.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// The host's mail sender (MailKit) against real SMTP servers on loopback: how it connects (Smtp:Security), that it
/// authenticates when told to, and that a silent server costs at most the timeout, or less when the caller cancels.
/// A failure is an exception, which is what leaves the mail in the outbox for a retry. The settings are bound from
/// configuration as the host binds them.
/// </summary>
public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_mail_is_plain_utf8_text_with_the_sender_recipient_subject_and_language()
    {
        var smtp = Own(new LoopbackSmtpServer());
        var sender = Sender(smtp.Settings(from: "GccSaaS Portal <portal@gccsaas.test>"));

        await sender.SendAsync(new EmailMessage("zoë@example.test", "Erinnerung: Einladung läuft ab", "Grüße aus Köln – ½ € ✓", "de-DE"), CancellationToken.None);

        var mail = Assert.Single(smtp.Received);
        Assert.Equal("portal@gccsaas.test", mail.MailFrom);
        Assert.Equal("portal@gccsaas.test", mail.From);
        Assert.Equal(["zoë@example.test"], mail.To);
        Assert.Equal("Erinnerung: Einladung läuft ab", mail.Subject);
        Assert.Equal("Grüße aus Köln – ½ € ✓", mail.Body);
        Assert.Equal("utf-8", mail.Charset, ignoreCase: true);
        Assert.Equal("de-DE", mail.Language);
        Assert.Contains("Date:", mail.Raw, StringComparison.Ordinal);
        Assert.Contains("Message-Id:", mail.Raw, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-culture-xx-yy-zz")]
    public async Task A_mail_without_a_known_language_has_no_content_language(string? language)
    {
        var smtp = Own(new LoopbackSmtpServer());

        await Sender(smtp.Settings()).SendAsync(new EmailMessage("a@example.test", "Subject", "Body", language), CancellationToken.None);

        Assert.Null(Assert.Single(smtp.Received).Language);
        Assert.DoesNotContain("Content-Language", Assert.Single(smtp.Received).Raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_a_user_name_the_sender_authenticates_and_a_wrong_password_fails()
    {
        var smtp = Own(new LoopbackSmtpServer(userName: "mailer", password: "s3cret-for-tests"));
        var settings = new Dictionary<string, string?>(smtp.Settings()) { ["Smtp:UserName"] = "mailer", ["Smtp:Password"] = "s3cret-for-tests" };

        await Sender(settings).SendAsync(new EmailMessage("a@example.test", "Authenticated", "Body"), CancellationToken.None);
        Assert.Equal("mailer", Assert.Single(smtp.Received).AuthenticatedUser);

        settings["Smtp:Password"] = "wrong";
        await Assert.ThrowsAnyAsync<Exception>(() => Sender(settings).SendAsync(new EmailMessage("b@example.test", "Refused", "Body"), CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() => Sender(smtp.Settings()).SendAsync(new EmailMessage("c@example.test", "Anonymous", "Body"), CancellationToken.None));
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task StartTls_is_required_when_configured_so_a_server_without_it_gets_nothing_in_plain_text()
    {
        var smtp = Own(new LoopbackSmtpServer());
        var settings = new Dictionary<string, string?>(smtp.Settings()) { ["Smtp:Security"] = "StartTls" };

        await Assert.ThrowsAnyAsync<Exception>(() => Sender(settings).SendAsync(new EmailMessage("a@example.test", "Secret", "Body"), CancellationToken.None));

        Assert.Empty(smtp.Received);
        Assert.Equal(1, smtp.Connections);
    }

    [Fact]
    public async Task The_earlier_EnableSsl_switch_still_means_StartTls_and_Auto_falls_back_to_plain_text_on_loopback()
    {
        var smtp = Own(new LoopbackSmtpServer());
        var legacy = new Dictionary<string, string?>(smtp.Settings()) { ["Smtp:Security"] = null, ["Smtp:EnableSsl"] = "true" };
        var auto = new Dictionary<string, string?>(smtp.Settings()) { ["Smtp:Security"] = "Auto" };

        await Assert.ThrowsAnyAsync<Exception>(() => Sender(legacy).SendAsync(new EmailMessage("a@example.test", "Legacy", "Body"), CancellationToken.None));
        await Sender(auto).SendAsync(new EmailMessage("b@example.test", "Auto", "Body"), CancellationToken.None);

        Assert.Equal(["b@example.test"], Assert.Single(smtp.Received).Recipients);
    }

    [Fact]
    public async Task A_silent_server_costs_at_most_the_timeout()
    {
        var silent = Own(new SilentServer());
        var settings = Settings(silent.Port, timeoutSeconds: 2);
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<Exception>(() => Sender(settings).SendAsync(new EmailMessage("a@example.test", "S", "B"), CancellationToken.None));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Cancellation_stops_a_send_before_the_timeout()
    {
        var silent = Own(new SilentServer());
        var settings = Settings(silent.Port, timeoutSeconds: 60);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(settings).SendAsync(new EmailMessage("a@example.test", "S", "B"), cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    private static Dictionary<string, string?> Settings(int port, int timeoutSeconds) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:From"] = "portal@gccsaas.test",
        ["Smtp:Security"] = "None",
        ["Smtp:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
    };

    private static SmtpEmailSender Sender(IDictionary<string, string?> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(SmtpOptions.Section).Get<SmtpOptions>()
            ?? throw new InvalidOperationException("No Smtp settings.");
        return new SmtpEmailSender(new FixedOptions(options), TimeProvider.System);
    }

    private sealed class FixedOptions(SmtpOptions value) : IOptionsMonitor<SmtpOptions>
    {
        public SmtpOptions CurrentValue => value;

        public SmtpOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SmtpOptions, string?> listener) => null;
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>Accepts connections and never says a word (no 220 greeting).</summary>
    private sealed class SilentServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public SilentServer()
        {
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                        lock (_clients)
                        {
                            _clients.Add(client);
                        }
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                }
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }
    }
}
