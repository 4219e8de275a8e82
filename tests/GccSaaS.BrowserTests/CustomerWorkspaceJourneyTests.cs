using GccSaaS.BrowserTests.Infrastructure;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 15's journey (R-ORD-7, R-CUS-6, ADR 0020): a GCC customer bought in the Ordering journey (a Sales agent adds it
/// for Adatum Reseller, Adatum's agent buys Office 365 G3 GCC × 25); its administrator signs in to the customer
/// workspace, sees 25 licenses and no subscription detail, assigns one, narrows Adatum's "manage users"; Adatum is then
/// refused resetting the administrator's password. In English and German at 1366 px and 390 px (issue 16), with axe on
/// every page of the customer's workspace; each run adds its own customer.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class CustomerWorkspaceJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";
    private const string AdatumId = "6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01";
    private const string AdatumPartnerId = "5123400";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task The_customer_administrator_sees_licenses_not_subscriptions_assigns_one_and_narrows_the_resellers_manage_users(string locale, int width) => RunAsync(async page =>
    {
        var code = await ArrangeGccPartnerWithCodeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = "Tacoma Utilities " + suffix;
        var domain = "tacomautil" + suffix;

        // A Sales agent adds the GCC customer for Adatum Reseller and records its agreement.
        await SignInAsync(page, "sales.agent@contoso.demo");
        await page.GotoAsync($"/{Contoso}/customers/new?reseller={AdatumId}");
        await page.Locator("#Form_CompanyName").FillAsync(company);
        await page.Locator("#Form_Domain").FillAsync(domain);
        await page.Locator("#Form_AddressLine1").FillAsync("747 Market St");
        await page.Locator("#Form_City").FillAsync("Tacoma");
        await page.Locator("#Form_State").FillAsync("WA");
        await page.Locator("#Form_PostalCode").FillAsync("98402");
        await page.Locator("#Form_FirstName").FillAsync("Terry");
        await page.Locator("#Form_LastName").FillAsync("Ochoa");
        await page.Locator("#Form_Email").FillAsync("it@tacomautil.example");
        await page.Locator("#qualification-gcc").CheckAsync();
        await page.Locator("#Form_ValidationCode").SelectOptionAsync(code);
        await page.Locator("#review-button").ClickAsync();
        await page.Locator("#submit-button").ClickAsync();
        await Expect(page.Locator("#admin-user-name")).ToHaveTextAsync($"admin@{domain}.onmicrosoft.com");
        var password = (await page.Locator("#admin-password").TextContentAsync() ?? string.Empty).Trim();
        await page.ReloadAsync();
        var accountPath = new Uri(page.Url).AbsolutePath;
        await page.Locator("#Agreement_FirstName").FillAsync("Terry");
        await page.Locator("#Agreement_LastName").FillAsync("Ochoa");
        await page.Locator("#Agreement_Email").FillAsync("terry@tacomautil.example");
        await page.Locator("#record-agreement").ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(Text("CustomersResource", "Status_AgreementRecorded"));
        await page.Locator("#sign-out").ClickAsync();

        // Adatum's reseller agent buys Office 365 G3 GCC × 25 for it (the Ordering journey).
        await SignInAsync(page, "reseller.agent@adatum.demo");
        await page.GotoAsync(accountPath);
        await page.Locator("#add-subscriptions").ClickAsync();
        var line = page.Locator("tr[data-offer-id='O365-G3-GCC']");
        await line.Locator("input[type='number']").FillAsync("25");
        await line.Locator("select").SelectOptionAsync("P1Y:Monthly");
        await page.Locator("#attested").CheckAsync();
        await page.Locator("#review-button").ClickAsync();
        await page.Locator("#buy").ClickAsync();
        await Expect(page.Locator("#subscriptions tr[data-offer-id='O365-G3-GCC'] .quantity")).ToHaveTextAsync("25");
        await page.Locator("#sign-out").ClickAsync();

        // The customer's administrator signs in to its own workspace (linked from the sign-in page).
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#customer-sign-in").ClickAsync();
        await AxeAsync(page);
        await page.Locator("#user-name").FillAsync($"admin@{domain}.onmicrosoft.com");
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#licenses-title")).ToHaveTextAsync(Text("CustomersResource", "Workspace_LicensesTitle"));
        var product = page.Locator("#licenses tr[data-product='O365-G3-GCC']");
        await Expect(product.Locator("th")).ToHaveTextAsync("Office 365 G3 GCC");
        await Expect(product.Locator("td[data-purchased]")).ToHaveTextAsync("25");
        await Expect(product.Locator("td[data-available]")).ToHaveTextAsync("25");
        // The page's markup without its antiforgery tokens, whose random letters can spell "usd" or "p1y" by chance.
        var html = AntiforgeryValue().Replace(await page.ContentAsync(), "value=\"\"");
        foreach (var word in new[] { AdatumPartnerId, "Adatum", "P1Y", "Monthly", Text("OrderingResource", "Cycle_Monthly"), "USD", await SubscriptionIdAsync(domain) })
        {
            Assert.DoesNotContain(word, html, StringComparison.OrdinalIgnoreCase);
        }

        await AxeAsync(page);
        await ShotAsync(page, "customer-licenses");

        // A user, and one license assigned to her.
        await page.Locator("#nav-users").ClickAsync();
        await page.Locator("#DisplayName").FillAsync("Uma Tran");
        await page.Locator("#Email").FillAsync("uma@tacomautil.example");
        await page.Locator("#add-user").ClickAsync();
        await Expect(page.Locator("#users tr[data-user-email='uma@tacomautil.example']")).ToBeVisibleAsync();
        await AxeAsync(page);
        await page.Locator("#nav-licenses").ClickAsync();
        await page.Locator("#ProductId").SelectOptionAsync("O365-G3-GCC");
        await page.Locator("#Email").SelectOptionAsync("uma@tacomautil.example");
        await page.Locator("#assign").ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(Text("CustomersResource", "Workspace_AssignedStatus", "uma@tacomautil.example"));
        await Expect(product.Locator("td[data-assigned]")).ToHaveTextAsync("1");
        await Expect(product.Locator("td[data-available]")).ToHaveTextAsync("24");
        await AxeAsync(page);

        // Partners with access: contoso-distribution and Adatum Reseller; Adatum's "manage users" taken away.
        await page.Locator("#nav-partners").ClickAsync();
        var adatum = page.Locator("li[data-partner-kind='Reseller']");
        await Expect(adatum.Locator("h2")).ToHaveTextAsync("Adatum Reseller");
        await Expect(page.Locator("li[data-partner-kind='Provider']")).ToHaveCountAsync(1);
        await adatum.Locator("input[data-permission='ManageUsers']").UncheckAsync();
        await adatum.Locator("button[data-save-permissions]").ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(Text("CustomersResource", "Workspace_PermissionsChangedStatus", "Adatum Reseller"));
        await Expect(page.Locator("li[data-partner-kind='Reseller'] input[data-permission='ManageUsers']")).Not.ToBeCheckedAsync();
        await AxeAsync(page);
        await ShotAsync(page, "customer-partners");
        await page.Locator("#workspace-sign-out").ClickAsync();

        // Adatum's reseller admin is now refused resetting the administrator's password.
        await SignInAsync(page, "reseller.admin@adatum.demo");
        await page.GotoAsync(accountPath);
        await page.Locator("details.confirm:has(#reset-password) > summary").ClickAsync(); // asks first
        await page.Locator("#reset-password").ClickAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync(Text("CustomersResource", "Error_delegated_permission_missing"));
        await Expect(page.Locator("#new-password")).ToHaveCountAsync(0);
        await AxeAsync(page);
    }, locale, width: width);

    private async Task<string> SubscriptionIdAsync(string domain)
    {
        var tenant = await TenantAsync();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "SELECT s.id::text FROM ordering.subscriptions s JOIN customers.customers c ON c.tenant_id = s.tenant_id AND c.customer_tenant_id = s.customer_id WHERE c.domain = @d",
            connection);
        command.Parameters.AddWithValue("d", domain + ".onmicrosoft.com");
        return (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("No subscription bought.");
    }

    private async Task<TenantInfo> TenantAsync() =>
        await Portal.Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(Contoso)
        ?? throw new InvalidOperationException("No demo tenant.");

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("Migrations"));
        await connection.OpenAsync();
        return connection;
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<=name=\"__RequestVerificationToken\"[^>]*)value=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryValue();
}
