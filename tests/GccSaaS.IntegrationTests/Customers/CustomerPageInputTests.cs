using System.Net;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Customers.CustomerApi;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// Issue 10 on the customer account page: a value that cannot be bound or is no valid text refuses the post before
/// its handler runs (400, the message beside its field, nothing changed), and a refused post never answers 200.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class CustomerPageInputTests(CustomersFixture fixture)
{
    private const string Base = "/" + CustomersFixture.Contoso + "/customers";

    [Fact]
    public async Task R_CUS_3_a_reseller_id_that_is_not_a_guid_is_refused_beside_the_field_and_changes_nothing()
    {
        var (id, admin, token) = await AccountPageAsync();

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Reseller", token, Fields(("NewReseller", "not-a-guid")));

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Contains("aria-invalid=\"true\"", posted.Html, StringComparison.Ordinal);
        Assert.Equal("Enter a valid value.", TextOf(posted.Html, "NewReseller-error"));
        Assert.Null(TextOf(posted.Html, "status-message")); // no "reseller changed"
        Assert.Equal(CustomersFixture.AdatumId, await ResellerOfAsync(id));
    }

    [Fact]
    public async Task R_PC_1_a_one_megabyte_validation_code_is_refused_beside_the_field()
    {
        var (id, admin, token) = await AccountPageAsync();

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Qualification", token, Fields(("ValidationCode", new string('x', 1024 * 1024))));

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("This text is too long: at most 4,000 characters.", TextOf(posted.Html, "ValidationCode-error"));
        Assert.DoesNotContain(new string('x', 5000), posted.Html, StringComparison.Ordinal); // not echoed back
    }

    [Fact]
    public async Task R_PC_6_a_control_character_or_a_date_that_is_no_date_refuses_the_agreement_beside_its_field_in_the_users_language()
    {
        var (id, admin, token) = await AccountPageAsync();
        admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Agreement", token, Fields(
            ("Agreement.FirstName", "Marge\u0007"), ("Agreement.LastName", "Simpson"), ("Agreement.Email", "marge@springfield.example"),
            ("Agreement.DateAgreed", "yesterday")));

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("Dieser Text enthält Zeichen, die nicht verwendet werden können, zum Beispiel Steuerzeichen.", TextOf(posted.Html, "Agreement_FirstName-error"));
        Assert.Equal("Geben Sie einen gültigen Wert ein.", TextOf(posted.Html, "Agreement_DateAgreed-error"));
        Assert.Matches("<input[^>]*name=\"Agreement.FirstName\"[^>]*value=\"\"", posted.Html); // the refused text is not echoed back
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        Assert.Equal(0L, await fixture.OwnerScalarAsync<long>(contoso.Id, "SELECT count(*) FROM customers.agreements WHERE customer_tenant_id = @c", ("c", id)));
    }

    [Fact]
    public async Task Issue12_R_PC_6_a_post_refused_by_the_input_filter_shows_the_values_typed_beside_the_refused_fields_message()
    {
        var (id, admin, token) = await AccountPageAsync();

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Agreement", token, Fields(
            ("Agreement.FirstName", "Typedfirst"), ("Agreement.LastName", "Typedlast"), ("Agreement.Email", "typed.contact@springfield.example"),
            ("Agreement.DateAgreed", "yesterday")));

        // The page is shown again by its GET handler, which fills the form with the contact on file: what was typed wins.
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("Enter a valid value.", TextOf(posted.Html, "Agreement_DateAgreed-error"));
        Assert.Matches("<input[^>]*name=\"Agreement.FirstName\"[^>]*value=\"Typedfirst\"", posted.Html);
        Assert.Matches("<input[^>]*name=\"Agreement.LastName\"[^>]*value=\"Typedlast\"", posted.Html);
        Assert.Matches("<input[^>]*name=\"Agreement.Email\"[^>]*value=\"typed.contact@springfield.example\"", posted.Html);
        Assert.Matches("<input[^>]*name=\"Agreement.DateAgreed\"[^>]*value=\"\"", posted.Html); // the refused value is not echoed back
    }

    [Fact]
    public async Task A_refused_agreement_answers_a_4xx_not_200()
    {
        var (id, admin, token) = await AccountPageAsync();

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Agreement", token, Fields(("Agreement.FirstName", "Marge")));

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Null(TextOf(posted.Html, "status-message"));
    }

    [Fact]
    public async Task A_refused_agreement_answers_400_with_each_message_beside_its_field_in_the_users_language_and_records_nothing()
    {
        var (id, admin, token) = await AccountPageAsync();
        admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Agreement", token, Fields(
            ("Agreement.FirstName", "Marge"), ("Agreement.LastName", ""), ("Agreement.Email", "marge@springfield.example"), ("Agreement.DateAgreed", "2024-01-02")));

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        var beside = TextOf(posted.Html, "Agreement_LastName-error");
        Assert.NotNull(beside);
        Assert.StartsWith("Nachname", beside, StringComparison.Ordinal); // the German label of the field, from the module's resource
        Assert.Matches("<input[^>]*name=\"Agreement.LastName\"[^>]*aria-invalid=\"true\"", posted.Html);
        Assert.Contains(beside, TextOf(posted.Html, "form-errors"), StringComparison.Ordinal);
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        Assert.Equal(0L, await fixture.OwnerScalarAsync<long>(contoso.Id, "SELECT count(*) FROM customers.agreements WHERE customer_tenant_id = @c", ("c", id)));
    }

    [Fact]
    public async Task An_agreement_dated_in_the_future_answers_422_with_the_rules_message_and_records_nothing()
    {
        var (id, admin, token) = await AccountPageAsync();

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Agreement", token, Fields(
            ("Agreement.FirstName", "Marge"), ("Agreement.LastName", "Simpson"), ("Agreement.Email", "marge@springfield.example"), ("Agreement.DateAgreed", "2999-01-01")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.Status);
        Assert.Contains("data-error-code=\"agreement_date_in_future\"", posted.Html, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(TextOf(posted.Html, "form-errors")));
        Assert.Null(TextOf(posted.Html, "status-message"));
        var contoso = await fixture.TenantAsync(CustomersFixture.Contoso);
        Assert.Equal(0L, await fixture.OwnerScalarAsync<long>(contoso.Id, "SELECT count(*) FROM customers.agreements WHERE customer_tenant_id = @c", ("c", id)));
    }

    [Fact]
    public async Task A_bad_filter_on_the_list_answers_400_and_shows_the_list_without_it()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");

        var page = await sales.GetAsync($"{Base}?reseller=not-a-guid&q=a%01b");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(TextOf(page.Html, "reseller-error"));
        Assert.NotNull(TextOf(page.Html, "q-error"));
    }

    [Fact]
    public async Task The_agreement_form_starts_with_the_primary_contact_on_file_and_a_refused_post_keeps_what_was_typed()
    {
        var (id, admin, token) = await AccountPageAsync();

        var page = await admin.GetAsync($"{Base}/{id}");
        Assert.Matches("<input[^>]*name=\"Agreement.FirstName\"[^>]*value=\"Marge\"", page.Html);
        Assert.Matches("<input[^>]*name=\"Agreement.Email\"[^>]*value=\"[^\"]+@", page.Html);

        var posted = await admin.PostWithTokenAsync($"{Base}/{id}?handler=Agreement", token, Fields(
            ("Agreement.FirstName", "Homer"), ("Agreement.LastName", ""), ("Agreement.Email", "homer@springfield.example"), ("Agreement.DateAgreed", "2024-01-02")));
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Matches("<input[^>]*name=\"Agreement.FirstName\"[^>]*value=\"Homer\"", posted.Html);
    }

    private async Task<(Guid Id, PortalClient Admin, string Token)> AccountPageAsync()
    {
        using var api = await fixture.ApiAsync(CustomersFixture.Contoso);
        var id = await CreatedIdAsync(api, Body(NewDomain(), reseller: CustomersFixture.AdatumTenantId));
        var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        var page = await admin.GetAsync($"{Base}/{id}");
        return (id, admin, AntiforgeryToken(page.Html) ?? throw new InvalidOperationException("No form on the account page."));
    }

    private async Task<Guid?> ResellerOfAsync(Guid id) =>
        await fixture.OwnerScalarAsync<Guid?>((await fixture.TenantAsync(CustomersFixture.Contoso)).Id, "SELECT reseller_organisation_id FROM customers.customers WHERE customer_tenant_id = @c", ("c", id));
}
