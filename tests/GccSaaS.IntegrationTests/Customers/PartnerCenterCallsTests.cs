using System.Net;
using System.Net.Http.Json;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// Calls as Partner Center documents them that a client written from its documentation sends unchanged (R-PC-10):
/// its create-customer example's <c>EN-US</c>/<c>En</c>, the <c>?code=</c> form of the qualification request (R-PC-2),
/// the agreement metadata and a confirmation with a changed contact (R-CUS-4, R-PC-6, ADR 0014).
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class PartnerCenterCallsTests(CustomersFixture fixture)
{
    [Fact]
    public async Task R_CUS_1_culture_and_language_are_read_ignoring_case_as_partner_centers_own_example_sends_them()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Body(NewDomain()))!.AsObject();
        body["billingProfile"]!["culture"] = "EN-US";
        body["billingProfile"]!["language"] = "En";

        using var response = await CreateAsync(api, body);
        var json = await CustomersFixture.JsonAsync(response);

        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        Assert.Equal("en-US", json.GetProperty("billingProfile").GetProperty("culture").GetString());
        Assert.Equal("en", json.GetProperty("billingProfile").GetProperty("language").GetString());
    }

    [Fact]
    public async Task R_PC_2_the_validation_code_may_come_as_the_code_query_parameter_of_the_rest_reference()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain()));
        var other = await CreatedIdAsync(api, Body(NewDomain()));
        var code = await fixture.IssueCodeAsync(contoso.Id, 3);

        using var byQuery = await api.PostAsJsonAsync($"/v1/customers/{id}/qualifications?code={Uri.EscapeDataString(code)}", new { qualification = "GovernmentCommunityCloud" });
        using var twoCodes = await api.PostAsJsonAsync($"/v1/customers/{other}/qualifications?code=OTHER-1", new { qualification = "GovernmentCommunityCloud", validationCode = code });

        Assert.Equal(HttpStatusCode.Created, byQuery.StatusCode);
        Assert.Equal("Approved", (await CustomersFixture.JsonAsync(byQuery)).GetProperty("vettingStatus").GetString());
        Assert.Equal(2, await fixture.RemainingCreatesAsync(contoso.Id, code));
        Assert.Equal(HttpStatusCode.BadRequest, twoCodes.StatusCode); // never one of two codes silently chosen
        Assert.Equal(2, await fixture.RemainingCreatesAsync(contoso.Id, code));
    }

    [Fact]
    public async Task R_PC_6_the_agreement_metadata_is_served_with_partner_centers_template_id_and_link()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);

        using var mca = await api.GetAsync(new Uri("/v1/agreements?agreementType=MicrosoftCustomerAgreement", UriKind.Relative));
        using var mcaAnyCase = await api.GetAsync(new Uri("/v1/agreements?agreementType=microsoftcustomeragreement", UriKind.Relative));
        using var cloud = await api.GetAsync(new Uri("/v1/agreements?agreementType=MicrosoftCloudAgreement", UriKind.Relative));
        using var unknown = await api.GetAsync(new Uri("/v1/agreements?agreementType=Nonsense", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, mca.StatusCode);
        var item = Assert.Single((await CustomersFixture.JsonAsync(mca)).GetProperty("items").EnumerateArray());
        Assert.Equal("117a77b0-9360-443b-8795-c6dedc750cf9", item.GetProperty("templateId").GetString());
        Assert.Equal("MicrosoftCustomerAgreement", item.GetProperty("agreementType").GetString());
        Assert.Equal("https://aka.ms/customeragreement", item.GetProperty("agreementLink").GetString());
        Assert.Single((await CustomersFixture.JsonAsync(mcaAnyCase)).GetProperty("items").EnumerateArray());
        Assert.Empty((await CustomersFixture.JsonAsync(cloud)).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task R_CUS_4_R_PC_6_a_confirmation_with_a_changed_contact_is_recorded_anew_and_the_same_contact_again_is_refused()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso, "AdminAgent");
        var id = await CreatedIdAsync(api, Body(NewDomain()));
        object Confirmation(string email, string? phone) => new
        {
            primaryContact = new { firstName = "Marge", lastName = "Simpson", email, phoneNumber = phone },
            dateAgreed = fixture.Clock.GetUtcNow().AddDays(-1),
            templateId = "117a77b0-9360-443b-8795-c6dedc750cf9",
            type = "MicrosoftCustomerAgreement",
        };

        using var first = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", Confirmation("marge@springfield.example", "+1 541 555 0100"));
        using var newEmail = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", Confirmation("marge.simpson@springfield.example", "+1 541 555 0100"));
        using var newPhone = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", Confirmation("marge.simpson@springfield.example", null));
        using var same = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", Confirmation("MARGE.SIMPSON@springfield.example", null));
        using var wrongTemplate = await api.PostAsJsonAsync($"/v1/customers/{id}/agreements", new
        {
            primaryContact = new { firstName = "Homer", lastName = "Simpson", email = "homer@springfield.example" },
            dateAgreed = fixture.Clock.GetUtcNow().AddDays(-1),
            templateId = Guid.NewGuid(),
            type = "MicrosoftCustomerAgreement",
        });
        var list = await CustomersFixture.JsonAsync(await api.GetAsync(new Uri($"/v1/customers/{id}/agreements", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, newEmail.StatusCode);
        Assert.Equal(HttpStatusCode.Created, newPhone.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongTemplate.StatusCode);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal("117a77b0-9360-443b-8795-c6dedc750cf9", i.GetProperty("templateId").GetString());
            Assert.Equal("https://aka.ms/customeragreement", i.GetProperty("agreementLink").GetString());
        });
    }
}
