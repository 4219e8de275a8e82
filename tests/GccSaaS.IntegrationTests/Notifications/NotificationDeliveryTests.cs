using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Notifications.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// A module notifies users through <see cref="UserNotificationRequested"/> in its own outbox; the Notifications module
/// turns it into one in-app row per recipient and, when SMTP is configured, one email per address, each
/// retried on its own through the Notifications module's outbox.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationDeliveryTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private readonly List<GccSaaSFactory> _hosts = [];
    private LoopbackSmtpServer? _smtp;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_module_notification_becomes_exactly_one_in_app_row_per_recipient_even_when_redelivered()
    {
        var host = StartHost();
        var tenant = await host.Services.CreateTenantAsync("fan");
        var alice = TestUser.Create(GccSaaSRoles.SalesAgent, "Alice");
        var bob = TestUser.Create(GccSaaSRoles.SalesAgent, "Bob");
        var carol = TestUser.Create(GccSaaSRoles.GlobalAdmin, "Carol");
        Directory(host).Add(tenant.Id, alice, bob, carol);

        // Alice is named and also holds the role: she still gets one row.
        await host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(
            tenant.Id, "partnership.requested", "Partnership requested", "Adatum asks to partner.",
            RecipientUserId: alice.Id, RecipientRole: GccSaaSRoles.SalesAgent));
        Assert.Equal(1, await host.DispatchAsync(tenant, "Partners"));

        // A dispatcher that published and crashed before marking the message: it goes out again.
        await fixture.Database.ExecuteAsync(tenant.Id, "UPDATE partners.outbox_messages SET processed_at = NULL, locked_until = NULL");
        Assert.Equal(1, await host.DispatchAsync(tenant, "Partners"));

        Assert.Equal(1L, await CountRowsAsync(tenant, alice.Id));
        Assert.Equal(1L, await CountRowsAsync(tenant, bob.Id));
        Assert.Equal(0L, await CountRowsAsync(tenant, carol.Id));
        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.notifications"));
    }

    [Fact]
    public async Task The_email_reaches_the_smtp_server_with_the_recipient_subject_body_and_link()
    {
        _smtp = new LoopbackSmtpServer();
        var host = StartHost(_smtp.Settings(portalBaseUrl: "https://portal.gccsaas.test/"));
        var tenant = await host.Services.CreateTenantAsync("mail");
        var dana = TestUser.Create(GccSaaSRoles.GlobalAdmin, "Dana");
        Directory(host).Add(tenant.Id, dana);

        await host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(
            tenant.Id, "validation.approved", "Validierung genehmigt – Zürich", "Die GCC-Validierung ist genehmigt.",
            RecipientUserId: dana.Id, LinkUrl: $"/{tenant.Identifier}/customers/42", SendEmail: true, Culture: "de"));
        await host.DispatchAsync(tenant, "Partners");

        var mail = Assert.Single(_smtp.Received);
        Assert.Equal("portal@gccsaas.test", mail.MailFrom);
        Assert.Equal("portal@gccsaas.test", mail.From);
        Assert.Equal([dana.Email], mail.Recipients);
        Assert.Equal([dana.Email], mail.To);
        Assert.Equal("Validierung genehmigt – Zürich", mail.Subject);
        Assert.Equal("text/plain", mail.ContentType);
        Assert.Equal("utf-8", mail.Charset, ignoreCase: true);
        Assert.Equal("de", mail.Language);
        Assert.StartsWith("Die GCC-Validierung ist genehmigt.", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"https://portal.gccsaas.test/{tenant.Identifier}/customers/42", mail.Body, StringComparison.Ordinal);
        Assert.Equal(1L, await CountRowsAsync(tenant, dana.Id));
    }

    [Fact]
    public async Task Nothing_is_sent_when_smtp_is_not_configured_and_the_notification_still_arrives_in_app()
    {
        _smtp = new LoopbackSmtpServer();
        var host = StartHost(); // the server listens, but the host is not told about it
        var tenant = await host.Services.CreateTenantAsync("nomail");
        var erin = TestUser.Create(GccSaaSRoles.AdminAgent, "Erin");
        Directory(host).Add(tenant.Id, erin);

        await host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(
            tenant.Id, "order.placed", "Order placed", "An order was placed.", RecipientUserId: erin.Id, SendEmail: true));
        await host.DispatchAsync(tenant, "Partners");

        Assert.Equal(1L, await CountRowsAsync(tenant, erin.Id));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.outbox_messages WHERE type LIKE '%NotificationEmailRequested'"));
        Assert.Equal(0, _smtp.Connections);
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task An_email_only_notification_reaches_an_address_without_an_account_and_adds_no_in_app_row()
    {
        _smtp = new LoopbackSmtpServer();
        var host = StartHost(_smtp.Settings());
        var tenant = await host.Services.CreateTenantAsync("contact");

        await host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(
            tenant.Id, "customer.invited", "You are invited", "Accept the invitation.",
            RecipientEmail: "contact@customer.test", SendEmail: true));
        await host.DispatchAsync(tenant, "Partners");

        var mail = Assert.Single(_smtp.Received);
        Assert.Equal(["contact@customer.test"], mail.Recipients);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.notifications"));
    }

    [Fact]
    public async Task A_failing_address_is_retried_through_the_outbox_alone_while_in_app_rows_and_other_mail_are_not_repeated()
    {
        _smtp = new LoopbackSmtpServer();
        var host = StartHost(_smtp.Settings());
        var tenant = await host.Services.CreateTenantAsync("retry");
        var frank = TestUser.Create(GccSaaSRoles.ResellerAdmin, "Frank");
        var gina = TestUser.Create(GccSaaSRoles.ResellerAdmin, "Gina");
        Directory(host).Add(tenant.Id, frank, gina);
        _smtp.RefuseRecipient(gina.Email);

        await host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(
            tenant.Id, "customer.assigned", "Customer assigned", "A customer was assigned to you.",
            RecipientRole: GccSaaSRoles.ResellerAdmin, SendEmail: true));
        Assert.Equal(1, await host.DispatchAsync(tenant, "Partners"));

        // In-app delivery did not wait for SMTP; Frank's mail went out, Gina's failed and waits in the outbox.
        Assert.Equal(1L, await CountRowsAsync(tenant, frank.Id));
        Assert.Equal(1L, await CountRowsAsync(tenant, gina.Id));
        Assert.Equal([frank.Email], _smtp.Received.SelectMany(m => m.Recipients));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.outbox_messages WHERE processed_at IS NULL AND last_error IS NOT NULL"));
        Assert.Equal(0, await host.DispatchAsync(tenant, "Notifications")); // still leased: no retry storm

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await host.DispatchAsync(tenant, "Notifications"));

        Assert.Equal(1, _smtp.Received.Count(m => m.Recipients.Contains(frank.Email)));
        Assert.Equal(1, _smtp.Received.Count(m => m.Recipients.Contains(gina.Email)));
        Assert.Equal(1L, await CountRowsAsync(tenant, frank.Id));
        Assert.Equal(1L, await CountRowsAsync(tenant, gina.Id));
    }

    [Fact]
    public async Task A_role_notification_without_a_tenant_directory_reaches_nobody_but_a_named_user_still_gets_it()
    {
        var host = StartHost(configure: services => services.RemoveAll<IRequestHandler<ListTenantMembersQuery, IReadOnlyList<TenantMemberDto>>>());
        var tenant = await host.Services.CreateTenantAsync("nodir");
        var hank = Guid.NewGuid();

        await host.EnqueueFromPartnersAsync(tenant, new UserNotificationRequested(
            tenant.Id, "x", "Subject", "Body", RecipientUserId: hank, RecipientRole: GccSaaSRoles.GlobalAdmin));
        Assert.Equal(1, await host.DispatchAsync(tenant, "Partners"));

        Assert.Equal(1L, await CountRowsAsync(tenant, hank));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.notifications"));
    }

    private GccSaaSFactory StartHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var host = ShellTestHarness.StartHost(fixture.Database, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            configure?.Invoke(services);
        }, settings);
        _hosts.Add(host);
        return host;
    }

    private static FakeTenantDirectory Directory(GccSaaSFactory host) => host.Services.GetRequiredService<FakeTenantDirectory>();

    private Task<long> CountRowsAsync(TenantInfo tenant, Guid user) =>
        fixture.Database.ScalarAsync<long>(tenant.Id, "SELECT count(*) FROM notifications.notifications WHERE recipient_user_id = @u", ("u", user));
}
