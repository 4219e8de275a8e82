using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Ordering;
using GccSaaS.Modules.Customers;
using GccSaaS.Modules.Customers.Features.CustomerWorkspace;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using static GccSaaS.IntegrationTests.CustomerWorkspace.WorkspaceCustomers;

namespace GccSaaS.IntegrationTests.CustomerWorkspace;

/// <summary>
/// R-CUS-3, R-CUS-6 (ADR 0020): the customer's administrator sees the partners holding delegated admin rights, narrows
/// a reseller's permissions and widens them back, removes a partner's rights (its access ends at once), and a grant
/// ends on its date. Issue 13: a new one-time password for the administrator through /v1 and the customer's page.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class DelegatedAdminRightsTests(OrderingFixture fixture)
{
    private static readonly string[] AllPermissions = ["ManageAccount", "ManageSubscriptions", "ManageUsers", "OpenSupportRequests", "ReadBilling"];

    [Fact]
    public async Task R_CUS_6_a_narrowed_manage_users_refuses_the_resellers_password_reset_and_widened_allows_it_again()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Juniper", CustomersFixture.AdatumTenantId);
        var contoso = await fixture.TenantAsync(OrderingFixture.Contoso);
        using var admin = await SignedInAsync(fixture.Factory, customer);
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");
        var account = $"/{OrderingFixture.Contoso}/customers/{customer.Id}";

        var partners = await admin.GetAsync("/customer/partners");
        var narrowed = await SetPermissionsAsync(admin, contoso.Id, AllPermissions.Where(p => p != "ManageUsers"));
        var refused = await reseller.PostFormAsync(account, account + "?handler=ResetPassword", []);
        var stillThere = await admin.GetAsync("/customer/partners");
        var widened = await SetPermissionsAsync(admin, contoso.Id, AllPermissions);
        var allowed = await reseller.PostFormAsync(account, account + "?handler=ResetPassword", []);
        var newPassword = PortalClient.TextOf(allowed.Html, "new-password") ?? string.Empty;

        Assert.Equal(HttpStatusCode.OK, partners.Status);
        Assert.Contains("data-partner-kind=\"Reseller\" data-partner-name=\"Adatum", partners.Html, StringComparison.Ordinal);
        Assert.Contains("data-partner-kind=\"Provider\"", partners.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, narrowed.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("has not given your organisation this permission", refused.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"new-password\"", refused.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-permission=\"ManageUsers\" checked", stillThere.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, widened.Status);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.True(newPassword.Length >= 12, allowed.Html);

        // Issue 13: the old password stops working, and so does the session signed in with it; the new one works.
        var sessionAfter = await admin.GetAsync("/customer/licenses");
        using var fresh = new PortalClient(fixture.Factory);
        var old = await SignInAsync(fresh, customer.UserName, customer.Password);
        var renewed = await SignInAsync(fresh, customer.UserName, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, sessionAfter.Status);
        Assert.StartsWith("/customer/sign-in", sessionAfter.Location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Equal(HttpStatusCode.Redirect, renewed.Status);
    }

    [Fact]
    public async Task R_CUS_6_a_narrowed_manage_subscriptions_refuses_the_resellers_changes_to_the_customers_subscriptions()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Kestrel", CustomersFixture.AdatumTenantId);
        var contoso = await fixture.TenantAsync(OrderingFixture.Contoso);
        using var admin = await SignedInAsync(fixture.Factory, customer);

        await SetPermissionsAsync(admin, contoso.Id, AllPermissions.Where(p => p != "ManageSubscriptions"));
        var refused = await AsResellerAsync(customer.Id);
        await SetPermissionsAsync(admin, contoso.Id, AllPermissions);
        var allowed = await AsResellerAsync(customer.Id);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("has not given your organisation", refused.Html, StringComparison.Ordinal);
        Assert.True(allowed.Status == HttpStatusCode.Redirect, $"{(int)allowed.Status}");
    }

    [Fact]
    public async Task Removing_a_resellers_delegated_admin_rights_ends_its_access_to_the_customer_in_the_same_request_and_is_audited()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Larkspur", CustomersFixture.AdatumTenantId);
        var contoso = await fixture.TenantAsync(OrderingFixture.Contoso);
        using var admin = await SignedInAsync(fixture.Factory, customer);
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");
        var account = $"/{OrderingFixture.Contoso}/customers/{customer.Id}";

        var before = await reseller.GetAsync(account);
        var removed = await admin.PostFormAsync("/customer/partners", "/customer/partners?handler=Remove", PortalClient.Fields(("Provider", contoso.Id.ToString()), ("Reseller", CustomersFixture.AdatumId.ToString())));
        var after = await reseller.GetAsync(account);
        var providerStill = await api.GetAsync(new Uri($"/v1/customers/{customer.Id}", UriKind.Relative));
        var partners = await admin.GetAsync("/customer/partners");
        var activity = await admin.GetAsync("/customer/activity");
        var audited = await fixture.CountAsync(contoso.Id, "SELECT count(*) FROM notifications.audit_entries WHERE action = 'RemoveDelegatedAdminRightsCommand' AND details::text LIKE @c", ("c", "%" + customer.Id + "%"));
        var told = await fixture.CountAsync(contoso.Id, "SELECT count(*) FROM customers.outbox_messages WHERE strpos(payload::text, 'City of Larkspur') > 0 AND strpos(payload::text, 'DelegatedAdminRemoved') > 0");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.Equal(HttpStatusCode.OK, providerStill.StatusCode);
        Assert.DoesNotContain("data-partner-kind=\"Reseller\"", partners.Html, StringComparison.Ordinal);
        Assert.Contains("data-activity=\"RightsRemoved\"", activity.Html, StringComparison.Ordinal);
        Assert.Equal(1L, audited);
        Assert.Equal(1L, told);
        providerStill.Dispose();
    }

    [Fact]
    public async Task Issue16_the_providers_global_admin_reads_the_removal_in_german_though_the_customer_removed_in_english()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Quillfield", CustomersFixture.AdatumTenantId);
        var contoso = await fixture.TenantAsync(OrderingFixture.Contoso);
        using var admin = await SignedInAsync(fixture.Factory, customer); // no language asked: English

        var removed = await admin.PostFormAsync("/customer/partners", "/customer/partners?handler=Remove", PortalClient.Fields(("Provider", contoso.Id.ToString()), ("Reseller", CustomersFixture.AdatumId.ToString())));
        var module = fixture.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == CustomersModule.Name);
        await fixture.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(module, contoso); // what the commit's dispatch left, if anything
        using var globalAdmin = await fixture.SignedInAsync("global.admin@contoso.demo");
        globalAdmin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var notifications = WebUtility.HtmlDecode((await globalAdmin.GetAsync($"/{OrderingFixture.Contoso}/notifications")).Html);

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Contains("<strong>City of Quillfield hat delegierte Administratorberechtigungen entfernt</strong>", notifications, StringComparison.Ordinal);
        Assert.DoesNotContain("City of Quillfield removed", notifications, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_ends_on_its_end_date_and_the_expiry_job_removes_it()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await CreateAsync(api, fixture.GccCode, "City of Maplewood", CustomersFixture.AdatumTenantId);
        var contoso = await fixture.TenantAsync(OrderingFixture.Contoso);
        using var admin = await SignedInAsync(fixture.Factory, customer);
        var ends = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime).AddDays(400);

        var set = await SetPermissionsAsync(admin, contoso.Id, AllPermissions, ends);
        var before = await JobAsync(contoso);
        var stored = await fixture.CountAsync(contoso.Id, "SELECT count(*) FROM customers.delegated_admin_grants WHERE customer_tenant_id = @c AND ends_at IS NOT NULL", ("c", customer.Id));
        fixture.Clock.Advance(TimeSpan.FromDays(401));
        try
        {
            var ended = await JobAsync(contoso);
            var left = await fixture.CountAsync(contoso.Id, "SELECT count(*) FROM customers.delegated_admin_grants WHERE customer_tenant_id = @c AND grantee_kind = 'Reseller'", ("c", customer.Id));

            Assert.Equal(HttpStatusCode.Redirect, set.Status);
            Assert.Equal(1L, stored);
            Assert.Equal(0, before);
            Assert.True(ended >= 1);
            Assert.Equal(0L, left);
        }
        finally
        {
            fixture.Clock.Advance(TimeSpan.FromDays(-401));
        }
    }

    [Fact]
    public async Task Issue_13_a_provider_issues_a_new_one_time_password_through_v1_and_the_old_one_stops_working()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso, "AdminAgent");
        var customer = await CreateAsync(api, fixture.GccCode, "City of Northgate");

        using var withPassword = await PatchAsync(api, customer.Id, customer.Id, new { passwordProfile = new { password = "Chosen-Password-1", forceChangePassword = true } });
        using var otherUser = await PatchAsync(api, customer.Id, Guid.NewGuid(), new { passwordProfile = new { forceChangePassword = true } });
        using var reset = await PatchAsync(api, customer.Id, customer.Id, new { passwordProfile = new { forceChangePassword = true } });
        var body = await reset.Content.ReadFromJsonAsync<JsonElement>();
        var password = body.GetProperty("passwordProfile").GetProperty("password").GetString() ?? string.Empty;
        using var client = new PortalClient(fixture.Factory);
        var old = await SignInAsync(client, customer.UserName, customer.Password);
        var renewed = await SignInAsync(client, customer.UserName, password);

        Assert.Equal(HttpStatusCode.BadRequest, withPassword.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherUser.StatusCode);
        Assert.True(reset.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("no-store", reset.Headers.CacheControl?.ToString());
        Assert.Equal(customer.UserName, body.GetProperty("userPrincipalName").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Equal(HttpStatusCode.Redirect, renewed.Status);
    }

    private static Task<PortalResponse> SetPermissionsAsync(PortalClient admin, Guid provider, IEnumerable<string> permissions, DateOnly? ends = null) =>
        admin.PostFormAsync("/customer/partners", "/customer/partners?handler=Permissions", [
            new("Provider", provider.ToString()),
            new("Reseller", CustomersFixture.AdatumId.ToString()),
            .. permissions.Select(p => new KeyValuePair<string, string>("Permissions", p)),
            new("EndsOn", ends?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
        ]);

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient api, Guid customer, Guid user, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/v1/customers/{customer}/users/{user}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        return await api.SendAsync(request);
    }

    /// <summary>The reseller's portal puts a product in a cart for the customer (Add products, Review); answers the response.</summary>
    private async Task<PortalResponse> AsResellerAsync(Guid customer)
    {
        using var reseller = await fixture.SignedInAsync("reseller.admin@adatum.demo");
        return await AddProductsPages.SubmitCartAsync(reseller, customer, [("O365-G3-GCC", 5, "P1Y:Monthly")]);
    }

    private async Task<int> JobAsync(TenantInfo tenant)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        using var tenantScope = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new EndExpiredGrantsBatch(500));
    }
}
