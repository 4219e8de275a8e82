using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Jobs;

/// <summary>The operator page shows the clustered jobs' state as the scheduler's store has it.</summary>
public sealed class JobsPageTests
{
    [Fact]
    public async Task A_platform_admin_sees_every_clustered_job_with_its_next_run_on_the_jobs_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var host = new GccSaaSFactory(database, settings: new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["Jobs:Enabled"] = "true",
        });
        _ = host.Server;
        var portal = new PortalClient(host);
        var signIn = await portal.SignInAsync("platform.admin@gccsaas.demo", PortalClient.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);

        var page = await Eventually.UntilAsync(
            () => portal.GetAsync("/platform/jobs"),
            response => response.Html.Contains("data-job=\"outbox-sweep\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the jobs page to list the outbox sweep");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-job=\"outbox-full-sweep\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Next run", page.Html, StringComparison.Ordinal);
    }
}
