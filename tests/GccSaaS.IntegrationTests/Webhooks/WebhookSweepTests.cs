using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using GccSaaS.Modules.Relationships;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>
/// Issue 17: the delivery sweep serves several tenants at once (bounded), so one tenant's endpoint that does not answer
/// (an attempt may take the whole 10-second timeout) does not delay another tenant's deliveries.
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed class WebhookSweepTests(WebhooksFixture fixture)
{
    [Fact]
    public async Task Webhooks_a_tenants_hanging_endpoint_does_not_delay_another_tenants_delivery_in_the_same_sweep()
    {
        var contoso = await fixture.TenantAsync(WebhooksFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(WebhooksFixture.Fabrikam);
        // The sweep walks tenants in id order: the hanging endpoint belongs to the one walked first, so a sweep that served
        // tenants one after the other would reach the answering tenant only after the hanging attempt ended.
        var (slow, prompt) = contoso.Id.CompareTo(fabrikam.Id) < 0 ? (contoso, fabrikam) : (fabrikam, contoso);
        using var slowApi = await fixture.ApiAsync(slow.Identifier, "GlobalAdmin");
        using var promptApi = await fixture.ApiAsync(prompt.Identifier, "GlobalAdmin");
        var slowUrl = fixture.Receiver.NewUrl("hanging");
        var promptUrl = fixture.Receiver.NewUrl("prompt");
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hangEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var promptReceived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Receiver.Answer(slowUrl, async context =>
        {
            hanging.TrySetResult();
            try
            {
                await release.Task.WaitAsync(context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
            finally
            {
                hangEnded.TrySetResult();
            }
        });
        fixture.Receiver.Answer(promptUrl, context =>
        {
            promptReceived.TrySetResult(hangEnded.Task.IsCompleted); // was the other tenant's attempt still open?
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        await WebhookDeliveryTests.RegisterAsync(slowApi, slowUrl, WebhookEventTypes.PartnershipAccepted);
        await WebhookDeliveryTests.RegisterAsync(promptApi, promptUrl, WebhookEventTypes.PartnershipAccepted);
        await fixture.PublishAsync<RelationshipsDbContext>(slow, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(slow.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));
        await fixture.PublishAsync<RelationshipsDbContext>(prompt, RelationshipsModule.Name,
            new PartnershipEstablishedNotification(prompt.Id, Guid.NewGuid(), Guid.NewGuid(), fixture.Clock.GetUtcNow()));

        // The production timeout (10 s) rather than the fixture's 2 s, so the hanging attempt stays open while the other
        // tenant is served; the test releases it once it has seen what it needs.
        var options = fixture.Services.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue;
        var timeout = options.Timeout;
        options.Timeout = TimeSpan.FromSeconds(10);
        try
        {
            var job = ActivatorUtilities.CreateInstance<WebhookDeliverySweepJob>(fixture.Services);
            var sweep = job.RunAsync(new SweepRun(WebhookDeliverySweepJob.JobName, null), CancellationToken.None);

            await hanging.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var hangWasOpen = !await promptReceived.Task.WaitAsync(TimeSpan.FromSeconds(60));
            release.TrySetResult();
            await sweep.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(hangWasOpen, "The other tenant's delivery waited for the hanging endpoint's attempt to end.");
            Assert.Single(fixture.Receiver.At(promptUrl));
            Assert.Single(fixture.Receiver.At(slowUrl));
        }
        finally
        {
            release.TrySetResult();
            options.Timeout = timeout;
        }
    }
}
