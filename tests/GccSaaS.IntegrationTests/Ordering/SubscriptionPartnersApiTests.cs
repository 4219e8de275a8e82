using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;
using static GccSaaS.IntegrationTests.Ordering.SubscriptionApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// Who a subscription credits and who supports it (R-ORD-4, R-ORD-5, R-PC-7, R-PC-9), asked of Partners and
/// Relationships through their contracts, and the subscriptions bought directly from the vendor, read-only (R-ORD-6, R-REL-6).
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class SubscriptionPartnersApiTests(OrderingFixture fixture)
{
    [Fact]
    public async Task R_ORD_4_the_reseller_of_record_is_changed_to_a_partnered_reseller_by_its_PartnerID()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);

        using var changed = await ChangeAsync(api, customer, subscription, new { partnerId = OrderingFixture.AdatumPartnerId });
        var body = await OrderingFixture.JsonAsync(changed);
        var filtered = (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/subscriptions?mpn_id={OrderingFixture.AdatumPartnerId}", UriKind.Relative))).GetProperty("items");
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(OrderingFixture.AdatumPartnerId, body.GetProperty("partnerId").GetString());
        Assert.Equal("Adatum Reseller", body.GetProperty("resellerName").GetString());
        Assert.Equal(subscription, filtered.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM ordering.outbox_messages WHERE type LIKE '%SubscriptionChangedNotification' AND payload->>'subscriptionId' = @s AND payload->'changes'->0->>'field' = 'partnerId' AND payload->>'resellerPartnerId' = @p",
            ("s", subscription.ToString()), ("p", OrderingFixture.AdatumPartnerId)));
    }

    [Theory]
    [InlineData(OrderingFixture.ContosoPartnerId, "provider_cannot_be_reseller_of_record")]
    [InlineData("9999999", "unknown_partner_id")]
    [InlineData(OrderingFixture.TailspinPartnerId, "not_indirect_reseller")]
    [InlineData(OrderingFixture.NorthwindPartnerId, "partner_agreement_not_signed")]
    [InlineData(OrderingFixture.ProsewarePartnerId, "reseller_partnership_not_active")]
    public async Task R_ORD_4_R_PC_7_only_a_verified_partnered_indirect_reseller_can_be_the_reseller_of_record(string partnerId, string code)
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);

        using var refused = await ChangeAsync(api, customer, subscription, new { partnerId });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(code, Code(await OrderingFixture.JsonAsync(refused)));
        Assert.Equal(JsonValueKind.Null, (await GetAsync(api, customer, subscription)).Body.GetProperty("partnerId").ValueKind);
    }

    [Fact]
    public async Task R_ORD_4_R_REL_3_after_a_partnership_is_removed_its_reseller_can_no_longer_be_chosen_and_existing_subscriptions_keep_it()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        using var admin = await fixture.ApiAsync(OrderingFixture.Contoso, "GlobalAdmin");
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        await SendAsync(fixture, tenant, new SeedDemoRelationshipsCommand(tenant.Id, [AlpineId]));
        var (customer, credited) = await BuyAsync(fixture, api);
        var later = await BuyForAsync(api, customer, "PBI-PRO-GCC", 5);
        using (var whileActive = await ChangeAsync(api, customer, credited, new { partnerId = AlpinePartnerId }))
        {
            Assert.Equal(HttpStatusCode.OK, whileActive.StatusCode);
        }

        // On /v1 a reseller is named by its tenant ID (Partner Center's id).
        var alpine = await SendAsync(fixture, tenant, new GetPartnerOrganisationQuery(AlpineId));
        Assert.NotNull(await SendAsync(fixture, tenant, new GetPartnershipQuery(tenant.Id, AlpineId)));
        using var removal = await SendAsync(admin, HttpMethod.Delete, $"/v1/relationships/{alpine?.CommercialTenantId}?attested=true");
        Assert.True(removal.IsSuccessStatusCode, await removal.Content.ReadAsStringAsync());

        using var chosenAfter = await ChangeAsync(api, customer, later, new { partnerId = AlpinePartnerId });
        using var supportAfter = await PutSupportContactAsync(api, customer, later, new { supportMpnId = AlpinePartnerId });
        var kept = (await GetAsync(api, customer, credited)).Body;

        Assert.Equal(HttpStatusCode.BadRequest, chosenAfter.StatusCode);
        Assert.Equal("reseller_partnership_not_active", Code(await OrderingFixture.JsonAsync(chosenAfter)));
        Assert.Equal("reseller_partnership_not_active", Code(await OrderingFixture.JsonAsync(supportAfter)));
        Assert.Equal(AlpinePartnerId, kept.GetProperty("partnerId").GetString());
        Assert.Equal("Alpine Ski Reseller", kept.GetProperty("resellerName").GetString());
    }

    [Fact]
    public async Task R_ORD_5_R_PC_9_the_support_contact_defaults_to_the_provider_and_accepts_a_partnered_reseller_in_Partner_Centers_shape()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);
        var path = PathOf(customer, subscription) + "/supportcontact";

        var initial = await api.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
        using var set = await PutSupportContactAsync(api, customer, subscription, new
        {
            supportTenantId = AdatumCommercialTenantId,
            supportMpnId = OrderingFixture.AdatumPartnerId,
            name = "Adatum",
            attributes = new { objectType = "SupportContact" },
        });
        var answered = await OrderingFixture.JsonAsync(set);
        var read = await api.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
        using var back = await PutSupportContactAsync(api, customer, subscription, new { supportMpnId = OrderingFixture.ContosoPartnerId });
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);

        Assert.Equal("Provider", initial.GetProperty("kind").GetString());
        Assert.Equal(OrderingFixture.ContosoPartnerId, initial.GetProperty("supportMpnId").GetString());
        Assert.Equal("Contoso Distribution", initial.GetProperty("name").GetString());
        Assert.Equal("SupportContact", initial.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("Reseller", answered.GetProperty("kind").GetString());
        Assert.Equal(AdatumCommercialTenantId, answered.GetProperty("supportTenantId").GetGuid());
        Assert.Equal("Adatum Reseller", answered.GetProperty("name").GetString());
        Assert.Equal(OrderingFixture.AdatumPartnerId, read.GetProperty("supportMpnId").GetString());
        Assert.Equal("Provider", (await OrderingFixture.JsonAsync(back)).GetProperty("kind").GetString());
        Assert.Equal(2L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM notifications.audit_entries WHERE action = 'SetSupportContactCommand' AND strpos(details::text, @s) > 0", ("s", subscription.ToString())));
    }

    [Theory]
    [InlineData(OrderingFixture.ProsewarePartnerId, null, "reseller_partnership_not_active")]
    [InlineData(OrderingFixture.TailspinPartnerId, null, "not_indirect_reseller")]
    [InlineData("9999999", null, "unknown_partner_id")]
    [InlineData(OrderingFixture.AdatumPartnerId, "7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c01", "support_tenant_id_mismatch")]
    public async Task R_ORD_5_R_PC_9_a_support_contact_that_is_not_a_partnered_reseller_is_refused(string mpnId, string? tenantId, string code)
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, subscription) = await BuyAsync(fixture, api);

        using var refused = await PutSupportContactAsync(api, customer, subscription, new { supportTenantId = tenantId is null ? (Guid?)null : Guid.Parse(tenantId), supportMpnId = mpnId });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(code, Code(await OrderingFixture.JsonAsync(refused)));
        Assert.Equal("Provider", (await GetAsync(api, customer, subscription)).Body.GetProperty("supportContact").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task R_ORD_6_R_REL_6_a_subscription_bought_directly_is_listed_read_only_and_every_change_is_refused_with_its_own_code()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, bought) = await BuyAsync(fixture, api, "O365-E3", 10, gcc: false);
        var direct = await RecordDirectSubscriptionAsync(fixture, customer, "Microsoft 365 E3", 120);

        var listed = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/directsubscriptions", UriKind.Relative));
        using var details = await api.GetAsync(new Uri(PathOf(customer, direct), UriKind.Relative));
        var shown = await OrderingFixture.JsonAsync(details);
        using var patch = await PatchAsync(api, customer, direct, new { quantity = 121 }, "\"v1\"");
        using var patchWithoutIfMatch = await PatchAsync(api, customer, direct, new { status = "deleted" }, null);
        using var reseller = await PatchAsync(api, customer, direct, new { partnerId = OrderingFixture.AdatumPartnerId }, "\"v1\"");
        using var support = await PutSupportContactAsync(api, customer, direct, new { supportMpnId = OrderingFixture.AdatumPartnerId });
        using var supportRead = await api.GetAsync(new Uri(PathOf(customer, direct) + "/supportcontact", UriKind.Relative));
        using var fabrikam = await fixture.ApiAsync(OrderingFixture.Fabrikam, "GlobalAdmin");
        using var foreign = await fabrikam.GetAsync(new Uri($"/v1/customers/{customer}/directsubscriptions", UriKind.Relative));

        var item = listed.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(direct, item.GetProperty("id").GetGuid());
        Assert.True(item.GetProperty("boughtDirectly").GetBoolean());
        Assert.True(item.GetProperty("isReadOnly").GetBoolean());
        Assert.Equal("Microsoft (bought directly)", item.GetProperty("advisorOfRecord").GetString());
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.False(details.Headers.Contains("ETag"));
        Assert.Equal(120, shown.GetProperty("quantity").GetInt32());
        foreach (var refused in new[] { patch, patchWithoutIfMatch, reseller, support, supportRead })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("subscription_bought_directly", Code(await OrderingFixture.JsonAsync(refused)));
        }

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(120, (await GetAsync(api, customer, direct)).Body.GetProperty("quantity").GetInt32());
        Assert.Equal(10, (await GetAsync(api, customer, bought)).Body.GetProperty("quantity").GetInt32());
    }
}
