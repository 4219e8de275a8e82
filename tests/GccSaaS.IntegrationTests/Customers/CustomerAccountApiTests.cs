using System.Net;
using System.Net.Http.Json;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// A customer's qualifications (R-CUS-5, R-PC-1, R-PC-2, R-VAL-8), reseller association (R-CUS-3, R-PC-4,
/// R-PC-11) and agreement attestations (R-CUS-4, R-PC-6) through /v1, and another tenant's 404 on every route.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class CustomerAccountApiTests(CustomersFixture fixture)
{
    [Fact]
    public async Task R_PC_1_R_PC_2_a_GCC_qualification_with_a_code_is_approved_consumes_one_use_and_is_not_requested_again()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));
        var code = await fixture.IssueCodeAsync(contoso.Id, 3);

        using var first = await api.PostAsJsonAsync($"/v1/customers/{id}/qualifications", new { qualification = "GovernmentCommunityCloud", validationCode = code });
        using var second = await api.PostAsJsonAsync($"/v1/customers/{id}/qualifications", new { qualification = "GovernmentCommunityCloud", validationCode = code });
        var list = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/customers/{id}/qualifications");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("Approved", (await CustomersFixture.JsonAsync(first)).GetProperty("vettingStatus").GetString());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("qualification_already_exists", Code(await CustomersFixture.JsonAsync(second)));
        Assert.Equal(2, await fixture.RemainingCreatesAsync(contoso.Id, code));
        Assert.Equal("GovernmentCommunityCloud", list.EnumerateArray().Single().GetProperty("qualification").GetString());
    }

    [Fact]
    public async Task R_PC_2_concurrent_qualification_requests_never_overspend_a_code()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreatedIdAsync(api, Body(NewDomain("q"))));
        }

        var code = await fixture.IssueCodeAsync(contoso.Id, 2);
        var responses = await Task.WhenAll(ids.Select(id =>
            api.PostAsJsonAsync($"/v1/customers/{id}/qualifications", new { qualification = "GovernmentCommunityCloud", validationCode = code })));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(0, await fixture.RemainingCreatesAsync(contoso.Id, code));
        Assert.Equal(2, await fixture.QueryAsync(db => db.Qualifications.CountAsync(q => ids.Contains(q.CustomerTenantId))));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task R_PC_2_concurrent_requests_for_one_customer_qualify_it_once_and_consume_one_use()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));
        var code = await fixture.IssueCodeAsync(contoso.Id, 5);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            api.PostAsJsonAsync($"/v1/customers/{id}/qualifications", new { qualification = "GovernmentCommunityCloud", validationCode = code })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(4, await fixture.RemainingCreatesAsync(contoso.Id, code));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task R_VAL_4_a_partner_without_the_qualification_cannot_qualify_a_customer_for_GCC()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Fabrikam, "GlobalAdmin");
        var fabrikam = await fixture.TenantAsync(CustomersFixture.Fabrikam);
        var id = await CreatedIdAsync(api, Body(NewDomain()));
        var code = await fixture.IssueCodeAsync(fabrikam.Id, 2);

        using var response = await api.PostAsJsonAsync($"/v1/customers/{id}/qualifications", new { qualification = "GovernmentCommunityCloud", validationCode = code });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("partner_not_gcc_qualified", Code(await CustomersFixture.JsonAsync(response)));
        Assert.Equal(2, await fixture.RemainingCreatesAsync(fabrikam.Id, code));
    }

    [Fact]
    public async Task R_VAL_8_R_PC_1_a_customer_validation_decision_sets_the_vetting_status_and_an_approval_is_never_withdrawn()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var domain = NewDomain();
        var id = await CreatedIdAsync(api, Body(domain));

        await fixture.DeliverAsync(contoso, new CustomerGccValidationDecidedNotification(contoso.Id, Guid.NewGuid(), null, domain.ToUpperInvariant(), false, "Not a US government entity.", fixture.Clock.GetUtcNow()));
        var denied = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/customers/{id}/qualifications")).EnumerateArray().Single();
        await fixture.DeliverAsync(contoso, new CustomerGccValidationDecidedNotification(contoso.Id, Guid.NewGuid(), id, domain, true, null, fixture.Clock.GetUtcNow()));
        await fixture.DeliverAsync(contoso, new CustomerGccValidationDecidedNotification(contoso.Id, Guid.NewGuid(), id, domain, false, "Late denial", fixture.Clock.GetUtcNow()));
        var approved = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/customers/{id}/qualifications")).EnumerateArray().Single();

        Assert.Equal("Denied", denied.GetProperty("vettingStatus").GetString());
        Assert.Equal("Not a US government entity.", denied.GetProperty("vettingReason").GetString());
        Assert.Equal("Approved", approved.GetProperty("vettingStatus").GetString());
        Assert.False(approved.TryGetProperty("vettingReason", out _));
        Assert.True((await fixture.SendAsync(new GetCustomerPurchaseEligibilityQuery(contoso.Id, id, null), contoso))?.GccOnly);
    }

    [Fact]
    public async Task R_CUS_3_R_PC_4_the_reseller_is_changed_only_to_an_active_partner_and_moves_the_delegated_admin_grant()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));

        using var refused = await api.PatchAsJsonAsync($"/v1/customers/{id}", new { associatedPartnerId = CustomersFixture.ProsewareTenantId });
        using var associated = await api.PatchAsJsonAsync($"/v1/customers/{id}", new { associatedPartnerId = CustomersFixture.AdatumTenantId });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("reseller_partnership_not_active", Code(await CustomersFixture.JsonAsync(refused)));
        Assert.Equal(HttpStatusCode.OK, associated.StatusCode);
        Assert.Equal(CustomersFixture.AdatumTenantId, (await CustomersFixture.JsonAsync(associated)).GetProperty("associatedPartnerId").GetGuid());
        var grants = await fixture.QueryAsync(db => db.DelegatedAdminGrants.Where(g => g.CustomerTenantId == id).OrderBy(g => g.GranteeKind)
            .Select(g => g.GranteeKind + ":" + g.GranteeOrganisationId).ToListAsync(), contoso);
        Assert.Equal(["Provider:", "Reseller:" + CustomersFixture.AdatumId], grants);
    }

    [Fact]
    public async Task R_PC_11_removing_the_reseller_from_a_customer_is_a_Global_admins_act()
    {
        using var sales = await fixture.ApiAsync(CustomersFixture.Contoso);
        using var globalAdmin = await fixture.ApiAsync(CustomersFixture.Contoso, "GlobalAdmin");
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(sales, Body(NewDomain(), reseller: CustomersFixture.AdatumTenantId));

        using var bySales = await sales.PatchAsJsonAsync($"/v1/customers/{id}", new { associatedPartnerId = (Guid?)null });
        using var byAdmin = await globalAdmin.PatchAsJsonAsync($"/v1/customers/{id}", new { associatedPartnerId = (Guid?)null });

        Assert.Equal(HttpStatusCode.Forbidden, bySales.StatusCode);
        Assert.Equal("global_admin_required", Code(await CustomersFixture.JsonAsync(bySales)));
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(["Provider"], await fixture.QueryAsync(db => db.DelegatedAdminGrants.Where(g => g.CustomerTenantId == id).Select(g => g.GranteeKind).ToListAsync(), contoso));
    }

    [Fact]
    public async Task R_CUS_4_R_PC_6_the_agreement_is_recorded_once_and_unlocks_purchases()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso, "AdminAgent");
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));
        var before = await fixture.SendAsync(new GetCustomerPurchaseEligibilityQuery(contoso.Id, id, null), contoso);
        var body = new
        {
            primaryContact = new { firstName = "Marge", lastName = "Simpson", email = "marge@springfield.example", phoneNumber = "+1 541 555 0100" },
            dateAgreed = fixture.Clock.GetUtcNow().AddDays(-1),
            type = "MicrosoftCustomerAgreement",
        };

        using var first = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", body);
        using var duplicate = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", body);
        var list = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/customers/{id}/agreements");
        var after = await fixture.SendAsync(new GetCustomerPurchaseEligibilityQuery(contoso.Id, id, null), contoso);

        Assert.False(before!.HasAgreementAttestation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("agreement_already_exists", Code(await CustomersFixture.JsonAsync(duplicate)));
        var item = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("marge@springfield.example", item.GetProperty("primaryContact").GetProperty("email").GetString());
        Assert.Equal("MicrosoftCustomerAgreement", item.GetProperty("type").GetString());
        Assert.True(after!.HasAgreementAttestation);
        Assert.False(after.GccOnly);
    }

    [Fact]
    public async Task R_PC_6_an_agreement_date_in_the_future_is_refused()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));

        using var response = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", new
        {
            primaryContact = new { firstName = "Marge", lastName = "Simpson", email = "marge@springfield.example" },
            dateAgreed = fixture.Clock.GetUtcNow().AddDays(2),
            type = "MicrosoftCustomerAgreement",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("agreement_date_in_future", Code(await CustomersFixture.JsonAsync(response)));
    }

    [Fact]
    public async Task R_PC_3_a_GCC_customer_is_eligible_for_GCC_offers_only()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var code = await fixture.IssueCodeAsync(contoso.Id, 1);
        var id = await CreatedIdAsync(api, Body(NewDomain(), qualification: "GovernmentCommunityCloud", code: code));

        var eligibility = await fixture.SendAsync(new GetCustomerPurchaseEligibilityQuery(contoso.Id, id, null), contoso);

        Assert.True(eligibility!.GccOnly);
        Assert.Null(await fixture.SendAsync(new GetCustomerPurchaseEligibilityQuery(contoso.Id, id, CustomersFixture.AdatumId), contoso));
    }

    [Fact]
    public async Task Another_tenants_customer_is_a_404_on_every_route()
    {
        using var contosoApi = await fixture.ApiAsync(CustomersFixture.Contoso);
        using var fabrikamApi = await fixture.ApiAsync(CustomersFixture.Fabrikam, "GlobalAdmin");
        var fabrikam = await fixture.TenantAsync(CustomersFixture.Fabrikam);
        var id = await CreatedIdAsync(contosoApi, Body(NewDomain()));

        var responses = new List<HttpResponseMessage>
        {
            await fabrikamApi.GetAsync(new Uri($"/v1/customers/{id}", UriKind.Relative)),
            await fabrikamApi.GetAsync(new Uri($"/v1/customers/{id}/qualifications", UriKind.Relative)),
            await fabrikamApi.GetAsync(new Uri($"/v1/customers/{id}/agreements", UriKind.Relative)),
            await fabrikamApi.PatchAsJsonAsync($"/v1/customers/{id}", new { associatedPartnerId = CustomersFixture.AdatumTenantId }),
            await fabrikamApi.PostAsJsonAsync($"/v1/customers/{id}/qualifications", new { qualification = "GovernmentCommunityCloud", validationCode = "GCC-X" }),
            await fabrikamApi.PostAsJsonAsync($"/v1/customers/{id}/agreements", new
            {
                primaryContact = new { firstName = "A", lastName = "B", email = "a@b.example" },
                dateAgreed = fixture.Clock.GetUtcNow(),
                type = "MicrosoftCustomerAgreement",
            }),
        };
        var list = await fabrikamApi.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/customers?size=500");

        Assert.All(responses, r => Assert.True(
            r.StatusCode == HttpStatusCode.NotFound,
            $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri} answered {(int)r.StatusCode}"));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Null(await fixture.SendAsync(new GetCustomerPurchaseEligibilityQuery(fabrikam.Id, id, null), fabrikam));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_customers_list_pages_by_name_with_continuation_tokens_and_searches_by_name_or_domain_start()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var prefix = "zz" + Guid.NewGuid().ToString("N")[..6];
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await CreatedIdAsync(api, Body(NewDomain("p"), company: $"{prefix} Customer {i}")));
        }

        var seen = new List<Guid>();
        var first = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/customers?size=2&search={prefix.ToUpperInvariant()}");
        seen.AddRange(first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var next = first.GetProperty("links").GetProperty("next");
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(next.GetProperty("uri").GetString()!, UriKind.Relative));
            request.Headers.Add("MS-ContinuationToken", next.GetProperty("headers")[0].GetProperty("value").GetString());
            using var response = await api.SendAsync(request);
            var page = await CustomersFixture.JsonAsync(response);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            if (!page.GetProperty("links").TryGetProperty("next", out next))
            {
                break;
            }
        }

        Assert.Equal(created, seen);
        var byDomain = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/customers?search=relecloudgov");
        Assert.Empty(byDomain.GetProperty("items").EnumerateArray()); // Relecloud is not contoso's customer
    }
}
