using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Relationships;
using Npgsql;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// Issue 18, concurrency, in Relationships: racing acceptances of one invitation, and a partnership removed while a
/// customer is being added for that reseller. Each case ends in one consistent outcome, asserted on the database.
/// </summary>
[Collection(RelationshipsCollection.Name)]
public sealed class RelationshipsConcurrencyTests(RelationshipsFixture fixture)
{
    private const string Contoso = RelationshipsFixture.Contoso;

    [Fact]
    public async Task R_REL_2_R_REL_7_two_acceptances_of_one_invitation_make_exactly_one_partnership_which_is_listed()
    {
        var (firstId, first) = await fixture.OnboardAsync();
        var (secondId, second) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var email = PartnershipJourneys.NewEmail();
        var (path, _) = await sales.RequestAsync(email);
        using var a = await fixture.RegisterThroughLinkAsync(path);
        using var b = await fixture.SignedInAsync(email, PartnershipJourneys.Password);
        var tokenA = AntiforgeryToken((await a.GetAsync(path)).Html) ?? string.Empty;
        var tokenB = AntiforgeryToken((await b.GetAsync(path)).Html) ?? string.Empty;

        // The same invitee in two sessions: one accepts for its organisation, the other for another; twice each.
        var responses = await Task.WhenAll(
            a.PostWithTokenAsync(path + "?handler=Accept", tokenA, Fields(("PartnerId", first), ("AuthorizeProvider", "true"))),
            b.PostWithTokenAsync(path + "?handler=Accept", tokenB, Fields(("PartnerId", second), ("AuthorizeProvider", "true"))),
            a.PostWithTokenAsync(path + "?handler=Accept", tokenA, Fields(("PartnerId", first), ("AuthorizeProvider", "true"))),
            b.PostWithTokenAsync(path + "?handler=Accept", tokenB, Fields(("PartnerId", second), ("AuthorizeProvider", "true"))));

        var contoso = await fixture.TenantAsync(Contoso);
        var active = await ScalarAsync(contoso.Id,
            "SELECT count(*) FROM relationships.partnerships WHERE status = 'Active' AND reseller_organisation_id IN (@a, @b)", ("a", firstId), ("b", secondId));
        var accepted = await ScalarAsync(contoso.Id, """
            SELECT count(*) FROM relationships.invitations i
            JOIN relationships.partnerships p ON p.tenant_id = i.tenant_id AND p.id = i.partnership_id AND p.status = 'Active'
            WHERE i.status = 'Accepted' AND p.reseller_organisation_id IN (@a, @b)
            """, ("a", firstId), ("b", secondId));
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        var listed = (await ListedAsync(api, firstId) ? 1 : 0) + (await ListedAsync(api, secondId) ? 1 : 0);
        ConcurrencyReport.Record("two acceptances of one invitation",
            $"4 racing acceptances of one link for 2 organisations: {responses.Count(r => r.Status == HttpStatusCode.Redirect)} accepted, others {string.Join("/", responses.Where(r => r.Status != HttpStatusCode.Redirect).Select(r => (int)r.Status).Distinct())}; {active} active partnership, {listed} listed");

        Assert.Single(responses, r => r.Status == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.Redirect), r =>
            Assert.True(r.Status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{r.Status}"));
        Assert.Equal(1L, active);
        Assert.Equal(1L, accepted); // the invitation records the partnership it made
        Assert.Equal(1, listed); // no accepted-but-unlisted reseller
    }

    [Fact]
    public async Task R_CUS_3_R_REL_3_a_customer_added_for_a_reseller_whose_removal_is_committing_waits_and_is_refused()
    {
        var (organisationId, _) = await PartneredResellerAsync();
        using var api = await fixture.ApiAsync(Contoso, "SalesAgent");
        var resellerId = await ResellerIdAsync(api, organisationId) ?? throw new InvalidOperationException("The new partnership is not listed.");
        var contoso = await fixture.TenantAsync(Contoso);
        var domain = CustomerApi.NewDomain("rr");

        // The removal is in flight: its transaction has changed the partnership and not committed yet.
        await using var remover = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await remover.OpenAsync();
        await using var removal = await remover.BeginTransactionAsync();
        await using (var remove = new NpgsqlCommand(TenantSql.SetLocalTenant(contoso.Id) + """
            UPDATE relationships.partnerships
               SET status = 'Removed', removed_at = now(), removed_by_user_id = gen_random_uuid(), removed_by_name = 'Race', attestation_version = '2026-11', attestation_text = 'Race'
             WHERE reseller_organisation_id = @o AND status = 'Active'
            """, remover, removal))
        {
            remove.Parameters.AddWithValue("o", organisationId);
            Assert.Equal(1, await remove.ExecuteNonQueryAsync());
        }

        var adding = CustomerApi.CreateAsync(api, CustomerApi.Body(domain, "Racing Customer", resellerId));
        var finishedBeforeCommit = await Task.WhenAny(adding, Task.Delay(TimeSpan.FromSeconds(2))) == adding;
        await removal.CommitAsync();
        using var added = await adding;
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        var customers = await ScalarAsync(contoso.Id, "SELECT count(*) FROM customers.customers WHERE domain = @d", ("d", domain));
        var orphans = await ScalarAsync(contoso.Id, """
            SELECT count(*) FROM customers.customers c
            WHERE c.reseller_organisation_id = @o
              AND NOT EXISTS (SELECT 1 FROM relationships.partnerships p WHERE p.tenant_id = c.tenant_id AND p.reseller_organisation_id = c.reseller_organisation_id AND (p.status = 'Active' OR p.removed_at >= c.created_at))
            """, ("o", organisationId));
        ConcurrencyReport.Record("a partnership removed while a customer is added for that reseller",
            $"the addition waited for the removal's commit ({(finishedBeforeCommit ? "no" : "yes")}), then answered {(int)added.StatusCode} {(added.IsSuccessStatusCode ? string.Empty : ApiCalls.ErrorName(body))}; {customers} customer stored");

        Assert.False(finishedBeforeCommit, $"The customer was added for a reseller whose removal was committing: {(int)added.StatusCode} {body}");
        Assert.True(added.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, body.ToString());
        Assert.Equal("reseller_partnership_not_active", ApiCalls.ErrorName(body));
        Assert.Equal(0L, customers);
        Assert.Equal(0L, orphans);
    }

    [Fact]
    public async Task R_CUS_3_R_REL_3_racing_removal_and_customer_additions_leave_no_customer_added_after_the_removal()
    {
        var (organisationId, _) = await PartneredResellerAsync();
        using var sales = await fixture.ApiAsync(Contoso, "SalesAgent");
        using var admin = await fixture.ApiAsync(Contoso, "GlobalAdmin");
        var resellerId = await ResellerIdAsync(sales, organisationId) ?? throw new InvalidOperationException("The new partnership is not listed.");
        var contoso = await fixture.TenantAsync(Contoso);

        var additions = Enumerable.Range(0, 6).Select(i => CustomerApi.CreateAsync(sales, CustomerApi.Body(CustomerApi.NewDomain("rx"), "Racing Customer " + i, resellerId))).ToList();
        using var removed = await DeleteAsync(admin, $"/v1/relationships/{resellerId}?attested=true");
        var responses = await Task.WhenAll(additions);
        using var after = await CustomerApi.CreateAsync(sales, CustomerApi.Body(CustomerApi.NewDomain("rx"), "Late Customer", resellerId));
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        var stored = await ScalarAsync(contoso.Id, "SELECT count(*) FROM customers.customers WHERE reseller_organisation_id = @o", ("o", organisationId));
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{response.StatusCode}");
            response.Dispose();
        }

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal((long)created, stored);
    }

    private async Task<(Guid OrganisationId, string PartnerId)> PartneredResellerAsync()
    {
        var (organisationId, partnerId) = await fixture.OnboardAsync();
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var (path, _) = await sales.RequestAsync(PartnershipJourneys.NewEmail());
        using var invitee = await fixture.RegisterThroughLinkAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, (await invitee.AcceptAsync(path, partnerId)).Status);
        return (organisationId, partnerId);
    }

    private static async Task<bool> ListedAsync(HttpClient api, Guid organisationId) => await ResellerIdAsync(api, organisationId) is not null;

    private static async Task<Guid?> ResellerIdAsync(HttpClient api, Guid organisationId)
    {
        using var response = await api.GetAsync(new Uri("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&size=500", UriKind.Relative));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("partnerOrganisationId").GetGuid() == organisationId)
            .Select(i => (Guid?)i.GetProperty("id").GetGuid())
            .SingleOrDefault();
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient api, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(url, UriKind.Relative));
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await api.SendAsync(request);
    }

    private async Task<long> ScalarAsync(Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
