using System.Net;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// Issue 18: the customer administrator's password on the relationship acceptance page is throttled like the workspace
/// sign-in (per typed name from anywhere, doubling waits), with the same answers for a real administrator and an
/// unknown name, and a wait that ends by itself.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class CustomerRelationshipThrottleTests(RelationshipsFixture fixture)
{
    private const string Contoso = RelationshipsFixture.Contoso;
    private const string Throttled = "Too many attempts. Please wait 30 seconds and try again.";

    [Fact]
    public async Task R_REL_4_after_five_wrong_passwords_on_the_acceptance_page_the_name_waits_and_an_unknown_name_gets_the_same_answers()
    {
        var path = await RequestLinkAsync("it-throttle@relecloudgov.example");
        var stranger = "admin@nobody" + Guid.NewGuid().ToString("N")[..8] + ".onmicrosoft.com";
        const string known = "admin@rentonwater.onmicrosoft.com"; // a demo customer administrator no other test here signs in as
        using var guesser = new PortalClient(fixture.Factory);

        var strangers = new List<PortalResponse>();
        var knowns = new List<PortalResponse>();
        for (var i = 0; i < 5; i++)
        {
            strangers.Add(await guesser.PostFormAsync(path, path, Fields(("UserName", stranger), ("Password", "wrong-password-" + i))));
            knowns.Add(await guesser.PostFormAsync(path, path, Fields(("UserName", known), ("Password", "wrong-password-" + i))));
        }

        var strangerWaits = await guesser.PostFormAsync(path, path, Fields(("UserName", stranger), ("Password", "wrong-password")));
        using var elsewhere = new PortalClient(fixture.Factory);
        elsewhere.Http.DefaultRequestHeaders.Add(TestSourceAddress.Header, "203.0.113.77");
        var fromElsewhere = await elsewhere.PostFormAsync(path, path, Fields(("UserName", stranger), ("Password", "wrong-password")));

        Assert.All(strangers.Concat(knowns), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.Status));
        Assert.Equal(TextOf(strangers[0].Html, "form-errors"), TextOf(knowns[0].Html, "form-errors"));
        Assert.Equal((HttpStatusCode)429, strangerWaits.Status);
        Assert.Equal(Throttled, TextOf(strangerWaits.Html, "form-errors"));
        Assert.Equal((HttpStatusCode)429, fromElsewhere.Status);

        // The wait ends by itself; the next wrong guess doubles it.
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await guesser.PostFormAsync(path, path, Fields(("UserName", stranger), ("Password", "wrong")))).Status);
        var doubled = await guesser.PostFormAsync(path, path, Fields(("UserName", stranger), ("Password", "wrong")));
        Assert.Equal((HttpStatusCode)429, doubled.Status);
        Assert.Equal("Too many attempts. Please wait 60 seconds and try again.", TextOf(doubled.Html, "form-errors"));
    }

    private async Task<string> RequestLinkAsync(string inviteEmail)
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var page = await sales.PostFormAsync($"/{Contoso}/customers/relationship-request", $"/{Contoso}/customers/relationship-request?handler=Request",
            Fields(("Reseller", RelationshipsFixture.AdatumId.ToString()), ("InviteEmail", inviteEmail)));
        return IdentityJourneys.PathOfLink(page.Html);
    }
}
