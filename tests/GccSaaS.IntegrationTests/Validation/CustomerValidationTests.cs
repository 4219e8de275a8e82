using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Notifications;
using GccSaaS.Modules.Customers.Contracts;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;
using static GccSaaS.IntegrationTests.Validation.PartnerValidationSubmissionTests;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>
/// Customer GCC validation (R-VAL-5..7) in contoso-distribution, which the demo seed made GCC-approved: the
/// transacting partner's tenant ID filled in and locked (R-VAL-6, also for reseller users), refusals, the reseller's
/// own view, the information request to the customer contact, and the decision sent to Customers (R-PC-1, R-VAL-9).
/// </summary>
[Collection(ValidationCollection.Name)]
public sealed class CustomerValidationTests(ValidationFixture fixture)
{
    private const string ResellerAdmin = "reseller.admin@adatum.demo";

    private static object Form(string domain, Guid? tenantId = null, Guid? customerTenantId = null) => new
    {
        tenantId,
        legalName = "Contoso County " + domain[..6],
        domain,
        address = "100 County Rd, Redmond, WA",
        customerTenantId,
        contactName = "Dana Director",
        contactEmail = $"dana@{domain}",
        contactPhone = "+1 555 0102",
        eligibilityCategory = "UsLocalGovernment",
        regulatedData = Array.Empty<string>(),
    };

    private static string NewDomain() => $"c{Guid.NewGuid():N}"[..12] + ".onmicrosoft.com";

    [Fact]
    public async Task R_VAL_6_a_reseller_users_request_carries_its_indirect_providers_commercial_tenant_id_filled_in_and_locked()
    {
        using var reseller = await fixture.SignedInAsync(ResellerAdmin);
        var domain = NewDomain();

        // R-VAL-5 "What's this?": the Add customer page links here with the domain and company.
        var form = await reseller.GetAsync($"/{IdentityFixture.Contoso}/validation/customers/new?domain={domain}&company=Adatum%20Town");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains($"id=\"transacting-tenant-id\" value=\"{ValidationFixture.ContosoCommercialTenantId}\" readonly", form.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{domain}\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("usgcce@microsoft.com", form.Html, StringComparison.Ordinal); // R-VAL-10

        // A tenant ID smuggled into the form is not read: the product fills in the provider's.
        var posted = await reseller.PostWithTokenAsync($"/{IdentityFixture.Contoso}/validation/customers/new", AntiforgeryToken(form.Html)!, Fields(
            ("TenantId", Guid.NewGuid().ToString()),
            ("Form.LegalName", "Adatum Town"), ("Form.Domain", domain), ("Form.Address", "1 Adatum Way"),
            ("Form.ContactName", "Ari Admin"), ("Form.ContactEmail", "ari@adatumtown.example"), ("Form.ContactPhone", "+1 555 0103"),
            ("Form.Category", "CommercialWithRegulatedGovernmentData"), ("Form.RegulatedData", "Itar"), ("Form.RegulatedData", "Cji")));
        Assert.True(posted.Status == HttpStatusCode.Redirect, $"{(int)posted.Status}: {TextOf(posted.Html, "form-errors")}");
        var casePage = await reseller.GetAsync(posted.Location!);
        Assert.Equal(HttpStatusCode.OK, casePage.Status);
        Assert.Equal(ValidationFixture.ContosoCommercialTenantId.ToString(), TextOf(casePage.Html, "case-tenant-id"));
        Assert.Equal("Submitted", System.Text.RegularExpressions.Regex.Match(casePage.Html, "id=\"case-state\" data-value=\"(\\w+)\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value);
    }

    [Fact]
    public async Task R_VAL_6_an_API_caller_sending_another_tenant_id_or_the_Azure_GCC_one_is_refused_and_the_own_one_accepted()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");

        using var other = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(NewDomain(), Guid.NewGuid()));
        await AssertRefusedAsync(other, HttpStatusCode.BadRequest, "tenant_id_not_commercial");
        using var azure = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(NewDomain(), ValidationFixture.ContosoAzureGccTenantId));
        await AssertRefusedAsync(azure, HttpStatusCode.BadRequest, "azure_gcc_tenant_id_not_allowed");
        var problem = await azure.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("usgcce@microsoft.com", problem.GetProperty("description").GetString(), StringComparison.Ordinal); // R-VAL-10

        using var own = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(NewDomain(), ValidationFixture.ContosoCommercialTenantId));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        using var filled = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(NewDomain()));
        Assert.Equal(HttpStatusCode.Created, filled.StatusCode);
        Assert.Equal(ValidationFixture.ContosoCommercialTenantId, (await filled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commercialTenantId").GetGuid());
    }

    [Fact]
    public async Task R_VAL_6_an_API_refusal_is_described_in_the_callers_language_with_its_stable_code()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");
        using var german = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/validationcases/customer", UriKind.Relative))
        {
            Content = JsonContent.Create(Form(NewDomain(), ValidationFixture.ContosoAzureGccTenantId)),
        };
        german.Headers.AcceptLanguage.ParseAdd("de-DE");
        using var english = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(NewDomain(), ValidationFixture.ContosoAzureGccTenantId));

        using var refused = await api.SendAsync(german);

        await AssertRefusedAsync(refused, HttpStatusCode.BadRequest, "azure_gcc_tenant_id_not_allowed");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            $"Die Azure GCC-Mandanten-ID darf für die GCC-Validierung nie verwendet werden; verwenden Sie die kommerzielle/globale Mandanten-ID (Microsoft-ID) {ValidationFixture.ContosoCommercialTenantId}. Fragen: usgcce@microsoft.com.",
            problem.GetProperty("description").GetString());
        Assert.Equal(problem.GetProperty("description").GetString(), problem.GetProperty("detail").GetString());
        var englishProblem = await english.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("The Azure GCC tenant ID must never be used for GCC validation", englishProblem.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_VAL_5_the_customer_form_refuses_bad_input_with_400_and_names_the_fields()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "AdminAgent");

        using var response = await api.PostAsJsonAsync("/v1/validationcases/customer", new { legalName = "X", domain = "nodot", eligibilityCategory = "CommercialWithRegulatedGovernmentData" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "domain", "address", "contactEmail", "regulatedData" })
        {
            Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task R_VAL_6_reseller_users_see_only_their_organisations_cases_and_the_provider_sees_all()
    {
        using var provider = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");
        using var reseller = await fixture.SignedInAsync(ResellerAdmin);
        using var providerCase = await provider.PostAsJsonAsync("/v1/validationcases/customer", Form(NewDomain()));
        var providerCaseId = (await providerCase.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var list = await reseller.GetAsync($"/{IdentityFixture.Contoso}/validation");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.DoesNotContain(providerCaseId.ToString(), list.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync($"/{IdentityFixture.Contoso}/validation/{providerCaseId}")).Status);

        var all = await provider.GetFromJsonAsync<JsonElement>(new Uri("/v1/validationcases?size=500", UriKind.Relative));
        Assert.Contains(all.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == providerCaseId);
    }

    [Fact]
    public async Task R_VAL_7_R_PC_1_the_customer_contact_is_asked_for_information_and_the_decision_goes_to_Customers_through_the_outbox()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var customerTenantId = Guid.NewGuid();
        var domain = NewDomain();
        using var created = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(domain, customerTenantId: customerTenantId));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "StartReview", 0)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "RequestInformation", 1, "A letter from the county clerk.")).Status);
        var messages = await fixture.OutboxPayloadsAsync(contoso.Id, "UserNotificationRequested");
        Assert.Contains(messages, p => p.Contains($"dana@{domain}", StringComparison.Ordinal) && p.Contains("A letter from the county clerk.", StringComparison.Ordinal));
        // Issue 16 item 7: the contact's mail speaks English (the product does not know their language); the message
        // carries the same request in every portal language, as every notification does.
        using (var toContact = JsonDocument.Parse(messages.Single(p => p.Contains("validation.information_requested.customer", StringComparison.Ordinal) && p.Contains($"dana@{domain}", StringComparison.Ordinal))))
        {
            var message = toContact.RootElement;
            Assert.Equal("en", message.GetProperty("culture").GetString());
            var translations = message.GetProperty("translations").EnumerateArray()
                .ToDictionary(t => t.GetProperty("culture").GetString() ?? string.Empty, t => t.GetProperty("subject").GetString() ?? string.Empty);
            Assert.Equal(["de", "en", "es", "fr"], translations.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(message.GetProperty("subject").GetString(), translations["en"]);
            Assert.StartsWith("Office 365 Government GCC-Validierung von ", translations["de"], StringComparison.Ordinal);
            Assert.EndsWith(": Informationen benötigt", translations["de"], StringComparison.Ordinal);
        }

        using (var answered = await api.PostAsJsonAsync($"/v1/validationcases/{id}/answer", new { answer = "Attached to the partner's email." }))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        // Deny needs a reason; then a denial with one.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await reviewer.ActAsync(id, "Deny", 3, string.Empty)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(id, "Deny", 3, "Not a government entity.")).Status);
        var decided = await fixture.OutboxPayloadsAsync(contoso.Id, "CustomerGccValidationDecidedNotification");
        Assert.Contains(decided, p => p.Contains(id.ToString(), StringComparison.Ordinal) && p.Contains("Not a government entity.", StringComparison.Ordinal) && p.Contains("\"approved\": false", StringComparison.Ordinal));
        var own = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/validationcases/{id}", UriKind.Relative));
        Assert.Equal("Denied", own.GetProperty("state").GetString());
        Assert.Equal("Not a government entity.", own.GetProperty("decisionReason").GetString());

        // A second case for the same customer is approved: R-VAL-9 one validation covers the family.
        using var second = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(domain, customerTenantId: customerTenantId));
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(secondId, "StartReview", 0)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(secondId, "Approve", 1)).Status);
        decided = await fixture.OutboxPayloadsAsync(contoso.Id, "CustomerGccValidationDecidedNotification");
        Assert.Contains(decided, p => p.Contains(secondId.ToString(), StringComparison.Ordinal) && p.Contains("\"approved\": true", StringComparison.Ordinal));
        var approved = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/validationcases/{secondId}", UriKind.Relative));
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
    }

    [Fact]
    public async Task R_VAL_9_one_approved_customer_validation_makes_the_customer_eligible_for_GCC_purchases_for_the_validating_provider_only()
    {
        using var api = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");
        using var fabrikamApi = await fixture.ApiAsync(IdentityFixture.Fabrikam, "GlobalAdmin");
        using var reviewer = await fixture.SignedInAsync(ValidationTestSupport.Reviewer);
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);
        var domain = NewDomain();
        var customer = await CustomerApi.CreatedIdAsync(api, CustomerApi.Body(domain, "Contoso County " + domain[..6]));
        var before = await fixture.Factory.SendAsync(contoso, new GetCustomerPurchaseEligibilityQuery(contoso.Id, customer, null));

        using var created = await api.PostAsJsonAsync("/v1/validationcases/customer", Form(domain, customerTenantId: customer));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(caseId, "StartReview", 0)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.ActAsync(caseId, "Approve", 1)).Status);
        await fixture.Factory.DispatchAsync(contoso, "Validation"); // the decision reaches Customers through the outbox

        // The question Ordering asks (R-ORD-1) has no offer in it: Office 365, Dynamics 365, EMS and Power BI GCC
        // purchases all get this one answer, so no second validation is asked for any of them.
        Assert.False(before?.GccOnly);
        var after = await fixture.Factory.SendAsync(contoso, new GetCustomerPurchaseEligibilityQuery(contoso.Id, customer, null));
        Assert.NotNull(after);
        Assert.True(after.GccOnly);
        var qualifications = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/qualifications", UriKind.Relative));
        Assert.Contains(qualifications.EnumerateArray(), q => q.GetProperty("qualification").GetString() == "GovernmentCommunityCloud"
            && q.GetProperty("vettingStatus").GetString() == "Approved"); // R-VAL-8: on the customer's account

        // Another provider gets no eligibility for the customer and sees neither it nor the validation.
        Assert.Null(await fixture.Factory.SendAsync(fabrikam, new GetCustomerPurchaseEligibilityQuery(fabrikam.Id, customer, null)));
        using var otherQualifications = await fabrikamApi.GetAsync(new Uri($"/v1/customers/{customer}/qualifications", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherQualifications.StatusCode);
        using var otherCase = await fabrikamApi.GetAsync(new Uri($"/v1/validationcases/{caseId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherCase.StatusCode);
    }
}

/// <summary>Another tenant's case is 404 on every page route; the dashboard counts the tenant's open and overdue cases.</summary>
[Collection(ValidationCollection.Name)]
public sealed class ValidationPagesTests(ValidationFixture fixture)
{
    [Fact]
    public async Task Another_tenants_case_is_404_on_the_case_page_and_its_answer_form()
    {
        using var contoso = await fixture.ApiAsync(IdentityFixture.Contoso, "SalesAgent");
        using var created = await contoso.PostAsJsonAsync("/v1/validationcases/customer", new
        {
            legalName = "Isolated County", domain = $"i{Guid.NewGuid():N}"[..12] + ".onmicrosoft.com", address = "4 Fence Rd",
            contactName = "Iso Contact", contactEmail = "iso@county.example", contactPhone = "+1 555 0106", eligibilityCategory = "UsTribalGovernment",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var fabrikamAdmin = await fixture.SignedInAsync(IdentityJourneys.GlobalAdminOf(IdentityFixture.Fabrikam));

        Assert.Equal(HttpStatusCode.NotFound, (await fabrikamAdmin.GetAsync($"/{IdentityFixture.Fabrikam}/validation/{id}")).Status);
        var list = await fabrikamAdmin.GetAsync($"/{IdentityFixture.Fabrikam}/validation");
        var answer = await fabrikamAdmin.PostWithTokenAsync($"/{IdentityFixture.Fabrikam}/validation/{id}?handler=Answer", AntiforgeryToken(list.Html)!, Fields(("Answer", "x")));
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.DoesNotContain(id.ToString(), list.Html, StringComparison.Ordinal);

        // The submitting tenant's own page shows it, with the dashboard counting it.
        using var contosoAdmin = await fixture.SignedInAsync(IdentityJourneys.GlobalAdminOf(IdentityFixture.Contoso));
        Assert.Equal(HttpStatusCode.OK, (await contosoAdmin.GetAsync($"/{IdentityFixture.Contoso}/validation/{id}")).Status);
        var dashboard = await contosoAdmin.GetAsync($"/{IdentityFixture.Contoso}/");
        Assert.Contains("data-figure=\"validation.open\"", dashboard.Html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"validation.overdue\"", dashboard.Html, StringComparison.Ordinal);
    }
}
