using System.Net;
using System.Text.Json;
using GccSaaS.Modules.Customers.Contracts;
using Microsoft.EntityFrameworkCore;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// <c>POST /v1/customers</c> and <c>HEAD /v1/domains/{domain}</c>: R-CUS-1 (add a customer), R-CUS-2 (the
/// temporary password once), R-PC-2 and R-VAL-4 (GCC with a validation code), R-PC-4 (a reseller needs an active
/// partnership), R-PC-5 (free domains), and nothing half-written when a creation is refused.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class AddCustomerApiTests(CustomersFixture fixture)
{
    [Fact]
    public async Task R_CUS_1_R_CUS_2_a_customer_is_created_with_its_reseller_and_the_admin_credentials_are_answered_once_and_never_stored()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var domain = NewDomain();

        using var response = await CreateAsync(api, Body(domain, reseller: CustomersFixture.AdatumTenantId));
        var json = await CustomersFixture.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal(domain, json.GetProperty("companyProfile").GetProperty("domain").GetString());
        Assert.Equal(CustomersFixture.AdatumTenantId, json.GetProperty("associatedPartnerId").GetGuid());
        var credentials = json.GetProperty("userCredentials");
        Assert.Equal("admin", credentials.GetProperty("userName").GetString()); // Partner Center's userName; the sign-in is admin@domain
        var password = credentials.GetProperty("password").GetString()!;
        Assert.True(password.Length >= 16 && password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit) && password.Any(c => !char.IsLetterOrDigit(c)), password);

        // The credentials work (the customer administrator accepts relationship requests with them, R-REL-4)...
        Assert.Equal(id, (await fixture.SendAsync(new AuthenticateCustomerAdministratorQuery("admin@" + domain, password)))?.CustomerTenantId);

        // ...and are never shown again: not by a second read, not in the audit log, the idempotency store or the outbox.
        using var read = await api.GetAsync(new Uri($"/v1/customers/{id}", UriKind.Relative));
        var body = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain(password, body, StringComparison.Ordinal);
        Assert.DoesNotContain("userCredentials", body, StringComparison.Ordinal);
        Assert.Equal(1L, await fixture.OwnerScalarAsync<long>(contoso.Id,
            "SELECT count(*) FROM notifications.audit_entries WHERE action = 'AddCustomerCommand' AND strpos(details::text, @d) > 0", ("d", domain)));
        Assert.Equal(0L, await fixture.StoredCopiesAsync(contoso.Id, password));
    }

    [Fact]
    public async Task R_PC_10_a_customer_carries_partner_centers_fields_commerceId_allowDelegatedAccess_profiles_attributes_billing_id_and_etag_and_links_self()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));

        using var read = await api.GetAsync(new Uri($"/v1/customers/{id}", UriKind.Relative));
        var json = await CustomersFixture.JsonAsync(read);
        using var list = await api.GetAsync(new Uri($"/v1/customers?size=0&filter={Uri.EscapeDataString("{\"Field\":\"Domain\",\"Value\":\"" + json.GetProperty("companyProfile").GetProperty("domain").GetString() + "\",\"Operator\":\"starts_with\"}")}", UriKind.Relative));
        var listed = Assert.Single((await CustomersFixture.JsonAsync(list)).GetProperty("items").EnumerateArray());

        Assert.Equal(id, json.GetProperty("commerceId").GetGuid());
        Assert.True(json.GetProperty("allowDelegatedAccess").GetBoolean()); // the provider's delegated admin grant
        Assert.Equal("CustomerCompanyProfile", json.GetProperty("companyProfile").GetProperty("attributes").GetProperty("objectType").GetString());
        var billing = json.GetProperty("billingProfile");
        Assert.NotEqual(Guid.Empty, billing.GetProperty("id").GetGuid());
        Assert.NotEqual(id, billing.GetProperty("id").GetGuid());
        Assert.False(string.IsNullOrEmpty(billing.GetProperty("attributes").GetProperty("etag").GetString()));
        Assert.Equal($"/v1/customers/{id}", json.GetProperty("links").GetProperty("self").GetProperty("uri").GetString());
        Assert.Equal($"/v1/customers/{id}", listed.GetProperty("links").GetProperty("self").GetProperty("uri").GetString());
        Assert.Equal(id, listed.GetProperty("commerceId").GetGuid());
        Assert.False(listed.TryGetProperty("allowDelegatedAccess", out _)); // only on a single customer, as in Partner Center
    }

    [Fact]
    public async Task R_CUS_2_a_retry_with_the_same_MS_RequestId_answers_the_same_customer_without_the_password()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var requestId = Guid.NewGuid();
        var body = Body(NewDomain());

        using var first = await CreateAsync(api, body, requestId);
        using var retry = await CreateAsync(api, body, requestId);
        var firstJson = await CustomersFixture.JsonAsync(first);
        var retryJson = await CustomersFixture.JsonAsync(retry);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("MS-Idempotent-Replay").Single());
        Assert.Equal(firstJson.GetProperty("id").GetGuid(), retryJson.GetProperty("id").GetGuid());
        Assert.NotNull(firstJson.GetProperty("userCredentials").GetProperty("password").GetString());
        Assert.Equal(JsonValueKind.Null, retryJson.GetProperty("userCredentials").GetProperty("password").ValueKind);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Customers.CountAsync(c => c.CreatedRequestId == requestId), contoso));
    }

    [Fact]
    public async Task R_PC_5_HEAD_domains_answers_200_for_a_taken_domain_and_404_for_a_free_one_case_insensitively()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);

        using var taken = await api.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/v1/domains/RelecloudGov.onmicrosoft.com", UriKind.Relative)));
        using var free = await api.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri($"/v1/domains/{NewDomain()}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, free.StatusCode);
    }

    [Fact]
    public async Task R_PC_5_a_taken_domain_is_refused_with_409_domain_taken()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);

        using var response = await CreateAsync(api, Body("RELECLOUDGOV.onmicrosoft.com"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("domain_taken", Code(await CustomersFixture.JsonAsync(response)));
    }

    [Fact]
    public async Task A_domain_that_is_not_name_onmicrosoft_com_is_refused_with_400()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);

        using var response = await CreateAsync(api, Body("springfield.gov"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("domain_invalid", (await CustomersFixture.JsonAsync(response)).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phoneNumber", "abc", "phoneNumber")]
    [InlineData("phoneNumber", "555", "phoneNumber")]
    [InlineData("postalCode", "ABCDEFGHIJKLMNOP", "postalCode")]
    [InlineData("postalCode", "9740", "postalCode")]
    public async Task A_phone_or_postal_code_that_is_not_one_is_refused_beside_its_field_and_nothing_is_written(string field, string value, string named)
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var domain = NewDomain();
        var body = JsonSerializer.SerializeToNode(Body(domain)) ?? throw new InvalidOperationException("no body");
        body["billingProfile"]!["defaultAddress"]![field] = value;

        using var response = await CreateAsync(api, body);
        var json = (await CustomersFixture.JsonAsync(response)).ToString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, json, StringComparison.Ordinal);
        Assert.False(await fixture.QueryAsync(db => db.CustomerTenants.AnyAsync(t => t.Domain == domain)));
    }

    [Theory]
    [InlineData("+1 (425) 555-0100")]
    [InlineData("425.555.0100 ext. 12")]
    public async Task Phone_numbers_as_people_write_them_are_accepted(string phone)
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var body = JsonSerializer.SerializeToNode(Body(NewDomain())) ?? throw new InvalidOperationException("no body");
        body["billingProfile"]!["defaultAddress"]!["phoneNumber"] = phone;

        using var response = await CreateAsync(api, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task R_PC_4_the_resellers_id_from_the_relationships_list_is_its_associatedPartnerId_and_the_directorys_own_id_is_not()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        using var list = await api.GetAsync(new Uri("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&q=adatum", UriKind.Relative));
        var adatum = Assert.Single((await CustomersFixture.JsonAsync(list)).GetProperty("items").EnumerateArray());
        var resellerId = adatum.GetProperty("id").GetGuid();

        using var created = await CreateAsync(api, Body(NewDomain(), reseller: resellerId));
        using var byOrganisationId = await CreateAsync(api, Body(NewDomain(), reseller: CustomersFixture.AdatumId));
        var json = await CustomersFixture.JsonAsync(created);

        Assert.Equal(CustomersFixture.AdatumTenantId, resellerId);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(resellerId, json.GetProperty("associatedPartnerId").GetGuid());
        using var read = await api.GetAsync(new Uri($"/v1/customers/{json.GetProperty("id").GetGuid()}", UriKind.Relative));
        Assert.Equal(resellerId, (await CustomersFixture.JsonAsync(read)).GetProperty("associatedPartnerId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, byOrganisationId.StatusCode); // the portal's key is not an id on /v1
        Assert.Equal("reseller_partnership_not_active", Code(await CustomersFixture.JsonAsync(byOrganisationId)));
    }

    [Fact]
    public async Task R_PC_4_a_reseller_without_an_active_partnership_is_refused_and_nothing_is_written()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var domain = NewDomain();

        using var response = await CreateAsync(api, Body(domain, reseller: CustomersFixture.ProsewareTenantId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("reseller_partnership_not_active", Code(await CustomersFixture.JsonAsync(response)));
        Assert.False(await fixture.QueryAsync(db => db.CustomerTenants.AnyAsync(t => t.Domain == domain)));
    }

    [Fact]
    public async Task R_VAL_4_a_partner_without_Government_community_cloud_cannot_create_a_GCC_customer()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Fabrikam, "GlobalAdmin");
        var fabrikam = await fixture.TenantAsync(CustomersFixture.Fabrikam);
        var code = await fixture.IssueCodeAsync(fabrikam.Id, 5);
        var domain = NewDomain();

        using var response = await CreateAsync(api, Body(domain, qualification: CustomerQualifications.GovernmentCommunityCloud, code: code));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("partner_not_gcc_qualified", Code(await CustomersFixture.JsonAsync(response)));
        Assert.Equal(5, await fixture.RemainingCreatesAsync(fabrikam.Id, code));
        Assert.False(await fixture.QueryAsync(db => db.CustomerTenants.AnyAsync(t => t.Domain == domain)));
    }

    [Fact]
    public async Task R_PC_2_R_VAL_8_a_GCC_customer_consumes_one_use_of_the_code_and_holds_the_approved_qualification()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var code = await fixture.IssueCodeAsync(contoso.Id, 5);

        using var response = await CreateAsync(api, Body(NewDomain(), qualification: CustomerQualifications.GovernmentCommunityCloud, code: code));
        var json = await CustomersFixture.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(4, await fixture.RemainingCreatesAsync(contoso.Id, code));
        var qualification = json.GetProperty("qualifications").EnumerateArray().Single();
        Assert.Equal("GovernmentCommunityCloud", qualification.GetProperty("qualification").GetString());
        Assert.Equal("Approved", qualification.GetProperty("vettingStatus").GetString());
        Assert.True((await fixture.SendAsync(new GetCustomerPurchaseEligibilityQuery(contoso.Id, json.GetProperty("id").GetGuid(), null), contoso))?.GccOnly);
    }

    [Fact]
    public async Task R_PC_2_an_exhausted_code_refuses_the_creation_and_leaves_no_customer()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var code = await fixture.IssueCodeAsync(contoso.Id, 3, remaining: 0);
        var domain = NewDomain();

        using var response = await CreateAsync(api, Body(domain, qualification: CustomerQualifications.GovernmentCommunityCloud, code: code));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_code_exhausted", Code(await CustomersFixture.JsonAsync(response)));
        Assert.False(await fixture.QueryAsync(db => db.CustomerTenants.AnyAsync(t => t.Domain == domain)));
        Assert.False(await fixture.QueryAsync(db => db.Customers.AnyAsync(c => c.Domain == domain), contoso));
    }

    [Fact]
    public async Task R_PC_2_R_PC_5_racing_creations_of_one_domain_create_one_customer_and_consume_one_use()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var code = await fixture.IssueCodeAsync(contoso.Id, 5);
        var domain = NewDomain();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            CreateAsync(api, Body(domain, qualification: CustomerQualifications.GovernmentCommunityCloud, code: code))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(4, await fixture.RemainingCreatesAsync(contoso.Id, code));
        Assert.Equal(1, await fixture.QueryAsync(db => db.CustomerTenants.CountAsync(t => t.Domain == domain)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task R_PC_2_concurrent_GCC_creations_never_overspend_a_code_and_the_refused_ones_leave_no_customer()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var code = await fixture.IssueCodeAsync(contoso.Id, 2);
        var domains = Enumerable.Range(0, 5).Select(_ => NewDomain("gcc")).ToList();

        var responses = await Task.WhenAll(domains.Select(d =>
            CreateAsync(api, Body(d, qualification: CustomerQualifications.GovernmentCommunityCloud, code: code))));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(0, await fixture.RemainingCreatesAsync(contoso.Id, code));
        Assert.Equal(2, await fixture.QueryAsync(db => db.CustomerTenants.CountAsync(t => domains.Contains(t.Domain))));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
