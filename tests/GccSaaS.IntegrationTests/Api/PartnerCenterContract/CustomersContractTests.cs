using System.Net;
using System.Text.Json;
using static GccSaaS.IntegrationTests.Api.PartnerCenterContract.PartnerCenterShapes;

namespace GccSaaS.IntegrationTests.Api.PartnerCenterContract;

/// <summary>
/// Issue 13 contract: customers, domains, qualifications, validation codes and agreements as PARTNER-CENTER.md §1, §2,
/// §5.6 and §6 document their requests and responses (R-PC-1, R-PC-2, R-PC-5, R-PC-6, R-PC-10, R-CUS-1, R-CUS-2).
/// </summary>
[Collection(PartnerCenterContractCollection.Name)]
public sealed class CustomersContractTests(PartnerCenterContractFixture fixture)
{
    [Fact]
    public async Task PC_2_1_a_customer_for_an_indirect_reseller_is_created_with_the_relationships_id_and_answers_the_documented_customer()
    {
        using var api = await fixture.ProviderAsync();
        var (_, relationships) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf");
        var adatum = AssertCollection(relationships).Single(r => r.GetProperty("mpnId").GetString() == PartnerCenterContractFixture.AdatumPartnerId);
        var resellerId = adatum.GetProperty("id").GetGuid();
        var domain = NewDomain();

        var (created, customer) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers", CustomerBody(domain, "Contract Springfield", resellerId));

        // §2.3: 201 Created, the Customer resource with the one-time credentials.
        Assert.True(created.StatusCode == HttpStatusCode.Created, customer.ToString());
        Assert.Equal(PartnerCenterContractFixture.AdatumTenantId, resellerId);
        var id = customer.GetProperty("id").GetGuid();
        Assert.Equal(id, customer.GetProperty("commerceId").GetGuid()); // docs/api.md PC table: commerceId = id
        Assert.Equal(id, customer.GetProperty("companyProfile").GetProperty("tenantId").GetGuid());
        Assert.Equal(domain, customer.GetProperty("companyProfile").GetProperty("domain").GetString());
        Assert.Equal("Contract Springfield", customer.GetProperty("companyProfile").GetProperty("companyName").GetString());
        var billing = customer.GetProperty("billingProfile");
        Assert.Equal(JsonValueKind.String, billing.GetProperty("id").ValueKind);
        Assert.False(string.IsNullOrEmpty(billing.GetProperty("attributes").GetProperty("etag").GetString()));
        Assert.Equal("en-US", billing.GetProperty("culture").GetString());
        Assert.Equal("en", billing.GetProperty("language").GetString());
        Assert.Equal("reseller", customer.GetProperty("relationshipToPartner").GetString());
        Assert.Equal(resellerId, customer.GetProperty("associatedPartnerId").GetGuid());
        Assert.Equal("admin", customer.GetProperty("userCredentials").GetProperty("userName").GetString());
        Assert.False(string.IsNullOrEmpty(customer.GetProperty("userCredentials").GetProperty("password").GetString()));

        // §2.1: get by id, with allowDelegatedAccess and without credentials.
        var (read, single) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(JsonValueKind.True, single.GetProperty("allowDelegatedAccess").ValueKind);
        Assert.False(single.TryGetProperty("userCredentials", out var credentials) && credentials.ValueKind == JsonValueKind.Object
            && credentials.TryGetProperty("password", out var password) && password.ValueKind == JsonValueKind.String);
        Assert.Equal("Customer", single.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task PC_2_3_a_create_repeated_with_the_same_ms_request_id_makes_one_customer()
    {
        using var api = await fixture.ProviderAsync();
        var domain = NewDomain();
        var requestId = Guid.NewGuid();

        var (first, created) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers", CustomerBody(domain, "Contract Retry"), requestId);
        var (retry, again) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers", CustomerBody(domain, "Contract Retry"), requestId);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(created.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        var (_, list) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/customers?size=0&filter=" + Filter("Domain", domain));
        Assert.Single(AssertCollection(list));
    }

    [Fact]
    public async Task PC_2_1_head_domains_answers_200_when_taken_and_404_when_free_with_an_empty_body()
    {
        using var api = await fixture.ProviderAsync();
        var domain = NewDomain();
        var (created, _) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers", CustomerBody(domain, "Contract Domain"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var takenCall = PartnerCenterCall.Of(HttpMethod.Head, $"/v1/domains/{domain}");
        using var taken = await api.SendAsync(takenCall.Request);
        using var freeCall = PartnerCenterCall.Of(HttpMethod.Head, $"/v1/domains/{NewDomain("free")}");
        using var free = await api.SendAsync(freeCall.Request);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, free.StatusCode);
        Assert.Empty(await taken.Content.ReadAsByteArrayAsync());
        Assert.Empty(await free.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PC_6_2_the_customer_list_filters_by_company_name_and_indirect_reseller_and_pages_with_ms_continuation_token()
    {
        using var api = await fixture.ProviderAsync();
        var prefix = "Contract Paging " + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            var (created, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers",
                CustomerBody(NewDomain(), $"{prefix} {i}", PartnerCenterContractFixture.AdatumTenantId));
            Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        }

        // get-a-list-of-customers: size=0 as Partner Center's examples send it, filter CompanyName starts_with.
        var (listed, page) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/customers?size=0&filter=" + Filter("CompanyName", prefix));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var names = AssertCollection(page).Select(c => c.GetProperty("companyProfile").GetProperty("companyName").GetString()).ToList();
        Assert.Equal(3, names.Count);
        Assert.All(names, n => Assert.StartsWith(prefix, n, StringComparison.Ordinal));

        // get-customers-of-an-indirect-reseller: the reseller's tenant ID.
        var (_, ofReseller) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get,
            "/v1/customers?size=500&filter=" + Filter("IndirectReseller", PartnerCenterContractFixture.AdatumTenantId.ToString()));
        Assert.All(AssertCollection(ofReseller), c => Assert.Equal(PartnerCenterContractFixture.AdatumTenantId, c.GetProperty("associatedPartnerId").GetGuid()));
        Assert.True(AssertCollection(ofReseller).Count >= 3);

        // §6.2: follow links.next — its uri (seekOperation=Next), method and headers (MS-ContinuationToken).
        var seen = new List<string?>();
        var uri = "/v1/customers?size=2&filter=" + Filter("CompanyName", prefix);
        string? token = null;
        for (var pages = 0; pages < 5; pages++)
        {
            var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, uri, continuationToken: token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(AssertCollection(body).Select(c => c.GetProperty("companyProfile").GetProperty("companyName").GetString()));
            if (!body.TryGetProperty("links", out var links) || !links.TryGetProperty("next", out var next))
            {
                Assert.False(body.TryGetProperty("continuationToken", out _)); // absent on the last page, as links.next
                break;
            }

            Assert.Equal("GET", next.GetProperty("method").GetString());
            uri = next.GetProperty("uri").GetString() ?? string.Empty;
            Assert.Contains("seekOperation=Next", uri, StringComparison.Ordinal);
            var header = Assert.Single(next.GetProperty("headers").EnumerateArray());
            Assert.Equal("MS-ContinuationToken", header.GetProperty("key").GetString());
            token = header.GetProperty("value").GetString();
            Assert.Equal(token, body.GetProperty("continuationToken").GetString()); // docs/api.md PC table: GccSaaS adds it
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PC_1_1_a_gcc_qualification_is_requested_with_the_code_query_of_the_rest_reference_or_validation_code_in_the_body()
    {
        using var api = await fixture.ProviderAsync();
        var byQuery = await CustomerAsync(api);
        var byBody = await CustomerAsync(api);

        var (queried, viaQuery) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post,
            $"/v1/customers/{byQuery}/qualifications?code={Uri.EscapeDataString(fixture.ValidationCode)}", """{ "qualification": "GovernmentCommunityCloud" }""");
        var (posted, viaBody) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post,
            $"/v1/customers/{byBody}/qualifications", $$"""{ "qualification": "GovernmentCommunityCloud", "validationCode": "{{fixture.ValidationCode}}" }""");

        // §1.3: 201 Created (the example's status) with {qualification, vettingStatus, vettingCreateDate}.
        foreach (var (response, body) in new[] { (queried, viaQuery), (posted, viaBody) })
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
            Assert.Equal("GovernmentCommunityCloud", body.GetProperty("qualification").GetString());
            Assert.Contains(body.GetProperty("vettingStatus").GetString(), new[] { "Approved", "InReview", "Denied" });
            Assert.True(body.GetProperty("vettingCreateDate").TryGetDateTimeOffset(out _));
        }

        // §1.1: GET qualifications is a bare array (V2 contract).
        var (read, list) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{byQuery}/qualifications");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Contains(list.EnumerateArray(), q => q.GetProperty("qualification").GetString() == "GovernmentCommunityCloud");
    }

    [Fact]
    public async Task PC_1_4_validation_codes_are_a_bare_array_with_the_partners_tenant_guid_and_an_etag()
    {
        using var api = await fixture.ProviderAsync();

        var (response, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/customers/all/validations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        var code = Assert.Single(body.EnumerateArray(), c => c.GetProperty("validationId").GetString() == fixture.ValidationCode);
        Assert.True(Guid.TryParse(code.GetProperty("partnerId").GetString(), out _));
        Assert.False(string.IsNullOrEmpty(code.GetProperty("organizationName").GetString()));
        Assert.Equal(JsonValueKind.Number, code.GetProperty("maxCreates").ValueKind);
        Assert.Equal(JsonValueKind.Number, code.GetProperty("remainingCreates").ValueKind);
        Assert.False(string.IsNullOrEmpty(code.GetProperty("eTag").GetString()));
    }

    [Fact]
    public async Task PC_5_6_agreement_metadata_then_a_confirmation_then_the_same_again_is_409_600061_and_a_changed_contact_records_a_new_one()
    {
        using var api = await fixture.ProviderAsync();
        var customer = await CustomerAsync(api);

        // Step 1: the metadata with its templateId.
        var (meta, metadata) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, "/v1/agreements?agreementType=MicrosoftCustomerAgreement");
        Assert.Equal(HttpStatusCode.OK, meta.StatusCode);
        var agreement = Assert.Single(AssertCollection(metadata));
        var templateId = agreement.GetProperty("templateId").GetString();
        Assert.Equal("117a77b0-9360-443b-8795-c6dedc750cf9", templateId);
        Assert.Equal("MicrosoftCustomerAgreement", agreement.GetProperty("agreementType").GetString());
        Assert.Equal("https://aka.ms/customeragreement", agreement.GetProperty("agreementLink").GetString());
        Assert.Equal(JsonValueKind.Number, agreement.GetProperty("versionRank").ValueKind);

        // Step 2: confirm the customer's acceptance.
        var body = Confirmation(templateId, "dana@contract.example");
        var (first, confirmed) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/agreements", body);
        Assert.True(first.StatusCode == HttpStatusCode.Created, confirmed.ToString());
        Assert.Equal(templateId, confirmed.GetProperty("templateId").GetString());
        Assert.Equal("MicrosoftCustomerAgreement", confirmed.GetProperty("type").GetString());
        Assert.Equal("dana@contract.example", confirmed.GetProperty("primaryContact").GetProperty("email").GetString());

        // The same contact again: 600061 "A partner confirmed agreement already exists for the customer" (409).
        var (duplicate, problem) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/agreements", body);
        AssertError(duplicate, problem, 409, 600061, "agreement_already_exists");

        // A changed e-mail records a new confirmation; GET lists both.
        var (changed, _) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/agreements", Confirmation(templateId, "erin@contract.example"));
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        var (_, recorded) = await PartnerCenterCall.SendAsync(api, HttpMethod.Get, $"/v1/customers/{customer}/agreements?agreementType=MicrosoftCustomerAgreement");
        Assert.Equal(2, AssertCollection(recorded).Count);
    }

    private static async Task<Guid> CustomerAsync(HttpClient api)
    {
        var (created, body) = await PartnerCenterCall.SendAsync(api, HttpMethod.Post, "/v1/customers", CustomerBody(NewDomain(), "Contract Customer"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static string Filter(string field, string value) =>
        Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string> { ["Field"] = field, ["Value"] = value, ["Operator"] = "starts_with" }));

    // §5.6: primaryContact {firstName, lastName, email, phoneNumber?}, dateAgreed (UTC), templateId, type.
    private static string Confirmation(string? templateId, string email) =>
        $$"""
        {
          "primaryContact": { "firstName": "Dana", "lastName": "Director", "email": "{{email}}", "phoneNumber": "4255550101" },
          "templateId": "{{templateId}}",
          "dateAgreed": "{{DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd}}T00:00:00Z",
          "type": "MicrosoftCustomerAgreement"
        }
        """;
}
