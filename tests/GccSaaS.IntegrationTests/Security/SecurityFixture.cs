using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Customers;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Notifications.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// One host on its own database with the demo seed, served by Kestrel on a loopback port (so the server's own
/// limits answer, as in production), with a request budget no battery reaches, and the objects the generated tests
/// point their route parameters at (<see cref="DemoObjects"/>), each made through the product's own API and pages.
/// Each generated test class has its own fixture (own database), so what one battery changes never reaches another.
/// </summary>
public abstract class SecurityFixture() : SeededPlatformFixture(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero))
{
    public const string Contoso = "contoso-distribution";
    public const string Fabrikam = "fabrikam-cloud";
    public const string Password = "Security-Password-2026!";

    public static readonly Guid AdatumId = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
    public static readonly Guid ProsewareId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123450a0008");

    /// <summary>The demo resellers' commercial tenant IDs: their ids on /v1, as in Partner Center.</summary>
    public static readonly Guid AdatumTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");
    public static readonly Guid ProsewareTenantId = Guid.Parse("91a5c687-7384-42f5-a098-3b4c5d6e7f08");
    public static readonly Guid AlpineTenantId = Guid.Parse("a2b6d798-8495-4306-b1a9-4c5d6e7f8009");
    public static readonly Guid ContosoOrganisationId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-4811230a0001");
    public static readonly Guid FabrikamCommercialTenantId = Guid.Parse("3b4f6021-1d2e-4c9f-8a32-7b8c9d0e1f02");

    private DemoObjects? _objects;

    protected override bool UseKestrel => true;

    protected override IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        // The batteries send thousands of requests a minute per tenant; a 429 would hide the answer under test.
        ["RateLimiting:PermitsPerMinute"] = "1000000",

        // The batteries post wrong passwords as the demo users (the password change's current password) hundreds of
        // times; the guess throttle would make those users wait and turn later sign-ins into 429s (issue 18).
        ["SignInThrottle:AccountFreeFailures"] = "1000000",

        // "Forgot password?" answers no sooner than a second (no account oracle by timing); the batteries post it many times.
        ["Identity:PasswordResetAnswerTime"] = "00:00:00",

        // Thousands of refused requests (and, until binding failures are answered, their exceptions): the test
        // output reports each one; the host's log would only bury it.
        ["Logging:LogLevel:Default"] = "Critical",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Critical",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",

        // But an unhandled exception (a 5xx the batteries report) is logged with its stack, so a soak's rare 500 names
        // its cause (issue 18: three transient 500s in 67,680 requests went unexplained with everything at Critical).
        ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "Error",
    };

    /// <summary>True for the authorisation matrix: its objects are put in states where every probe is a refusal or a no-op.</summary>
    protected virtual bool Harmless => false;

    public DemoObjects Objects => _objects ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>Sign-in e-mail of each caller kind that has one (the Proseware agent and admin are made by the arrangement).</summary>
    public Dictionary<Caller, string> Emails { get; } = new()
    {
        [Caller.GlobalAdmin] = "global.admin@contoso.demo",
        [Caller.AdminAgent] = "admin.agent@contoso.demo",
        [Caller.SalesAgent] = "sales.agent@contoso.demo",
        [Caller.AdatumAdmin] = "reseller.admin@adatum.demo",
        [Caller.AdatumAgent] = "reseller.agent@adatum.demo",
        [Caller.ProsewareAdmin] = "reseller.admin@proseware.demo",
        [Caller.PlatformAdmin] = "platform.admin@gccsaas.demo",
        [Caller.ValidationReviewer] = "reviewer@gccsaas.demo",
    };

    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _objects = await ArrangeAsync();
    }

    /// <summary>A portal session of the caller kind (anonymous and customer administrator: a client without a session).</summary>
    public async Task<PortalClient> PortalAsync(Caller caller)
    {
        if (caller == Caller.CustomerAdministrator)
        {
            // The product gives a customer's administrator no portal session: their credentials are checked only on
            // the customer-relationship acceptance page. Trying the sign-in page with them must leave them anonymous.
            var portal = new PortalClient(Factory);
            var answer = await portal.SignInAsync(DemoCustomerAdministrator);
            Assert.True(answer.Status != HttpStatusCode.Redirect, "A customer administrator signed in to the portal.");

            // Their own workspace (issue 15, ADR 0020) is where they do sign in: its cookie reaches /customer only.
            var workspace = await portal.PostFormAsync("/customer/sign-in", "/customer/sign-in", PortalClient.Fields(("UserName", DemoCustomerAdministrator), ("Password", PortalClient.DemoPassword)));
            Assert.True(workspace.Status == HttpStatusCode.Redirect, "The customer administrator could not sign in to the customer workspace.");
            return portal;
        }

        if (!Emails.TryGetValue(caller, out var email))
        {
            return new PortalClient(Factory);
        }

        return await SignedInAsync(email, Passwords.TryGetValue(email, out var password) ? password : PortalClient.DemoPassword);
    }

    public const string DemoCustomerAdministrator = "admin@relecloudgov.onmicrosoft.com";

    /// <summary>
    /// An API client of the caller kind: provider roles with a contoso key, reseller roles with a key their organisation's
    /// reseller admin made (issue 18), platform roles with a platform key, else none.
    /// </summary>
    public async Task<HttpClient?> ApiAsync(Caller caller) => caller switch
    {
        Caller.GlobalAdmin => await ApiAsync(Contoso, "GlobalAdmin"),
        Caller.AdminAgent => await ApiAsync(Contoso, "AdminAgent"),
        Caller.SalesAgent => await ApiAsync(Contoso, "SalesAgent"),
        Caller.AdatumAdmin => await ResellerApiAsync(Contoso, Emails[Caller.AdatumAdmin], PortalClient.DemoPassword, "ResellerAdmin"),
        Caller.AdatumAgent => await ResellerApiAsync(Contoso, Emails[Caller.AdatumAdmin], PortalClient.DemoPassword, "ResellerAgent"),
        Caller.ProsewareAdmin => await ResellerApiAsync(Contoso, Emails[Caller.ProsewareAdmin], PortalClient.DemoPassword, "ResellerAdmin"),
        Caller.ProsewareAgent => await ResellerApiAsync(Contoso, Emails[Caller.ProsewareAdmin], PortalClient.DemoPassword, "ResellerAgent"),
        Caller.PlatformAdmin => await PlatformApiAsync(Emails[Caller.PlatformAdmin]),
        Caller.ValidationReviewer => await PlatformApiAsync(Emails[Caller.ValidationReviewer]),
        Caller.Anonymous => ApiClient.Create(Factory, null),
        _ => null, // customer administrators hold no API key
    };

    private async Task<DemoObjects> ArrangeAsync()
    {
        var o = new DemoObjects { Contoso = await TenantAsync(Contoso), Fabrikam = await TenantAsync(Fabrikam) };
        using var ga = await ApiAsync(Contoso, "GlobalAdmin");
        using var fabrikamGa = await ApiAsync(Fabrikam, "GlobalAdmin");
        using var platform = await PlatformApiAsync(Emails[Caller.PlatformAdmin]);

        await GrantGccQualificationAsync(o.Contoso, ContosoOrganisationId);
        o.ValidationCode = await Database.IssueValidationCodeAsync(o.Contoso.Id, 100);

        // Proseware becomes contoso's second active reseller (a new person accepts for it), so "another reseller's
        // object" exists both ways; its seeded admin keeps its membership. A Proseware agent is invited for the matrix.
        o.ProsewarePartnership = await PartnerAsync(ga, Contoso, "5123450", ProsewareId);
        o.AdatumPartnership = await PartnershipIdAsync(ga, AdatumId) ?? throw new InvalidOperationException("No Adatum partnership in the demo seed.");
        var agentEmail = IdentityJourneys.NewEmail("proseware-agent");
        using (var admin = await SignedInAsync(Emails[Caller.GlobalAdmin]))
        {
            var path = await admin.InviteAsync(Contoso, agentEmail, "ResellerAgent", ProsewareId);
            using var agent = await RegisterAsync(path);
        }

        Emails[Caller.ProsewareAgent] = agentEmail;
        Passwords[agentEmail] = Password;

        // Fabrikam partners with Alpine Ski (a new person accepts), so another tenant has a partnership; that person
        // is a user of fabrikam only.
        o.FabrikamPartnership = await PartnerAsync(fabrikamGa, Fabrikam, "5123460", Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123460a0009"));

        o.FabrikamOnlyUser = await UserIdAsync(LastAcceptor ?? string.Empty);
        o.ContosoUser = await UserIdAsync(Emails[Caller.SalesAgent]);

        o.CustomerAdatum = await CreateCustomerAsync(ga, AdatumTenantId);
        o.CustomerDirect = await CreateCustomerAsync(ga, null);
        o.CustomerProseware = await CreateCustomerAsync(ga, ProsewareTenantId);
        o.CustomerFabrikam = await CreateCustomerAsync(fabrikamGa, null);

        // A cancelled cart of each reseller's customer and of fabrikam's: every write the matrix probes is then refused.
        o.CartAdatum = await CancelledCartAsync(ga, o.CustomerAdatum, o);
        o.CartProseware = await CancelledCartAsync(ga, o.CustomerProseware, o);
        o.CartFabrikam = await CancelledCartAsync(fabrikamGa, o.CustomerFabrikam, o);

        // A subscription of each reseller's customer and of fabrikam's (recorded as a checkout records it): the matrix's
        // probes of a subscription change nothing (no If-Match, a stale version, a PartnerID that does not verify).
        o.SubscriptionAdatum = await SubscriptionAsync(o.Contoso, o.CustomerAdatum, o);
        o.SubscriptionProseware = await SubscriptionAsync(o.Contoso, o.CustomerProseware, o);
        o.SubscriptionFabrikam = await SubscriptionAsync(o.Fabrikam, o.CustomerFabrikam, o);

        // Validation cases: the demo's customer case of contoso (submitted by a provider user), one submitted by
        // Adatum's reseller admin through the portal, and fabrikam's partner case.
        o.CaseContoso = await ContosoCustomerCaseAsync(ga);
        o.CaseAdatum = await ResellerCaseAsync(Emails[Caller.AdatumAdmin], PortalClient.DemoPassword);
        o.CaseProseware = await ResellerCaseAsync(Emails[Caller.ProsewareAgent], Password);
        o.CaseFabrikam = await CreatedIdAsync(await fabrikamGa.PostAsJsonAsync(new Uri("/v1/validationcases/partner", UriKind.Relative), new
        {
            commercialTenantId = FabrikamCommercialTenantId,
            governmentEntitiesServed = new[] { "State" },
            holdsDirectContracts = true,
            holdsIndirectContracts = false,
            contractVehicles = "GSA Schedule 70",
        }));

        // Invitations: open ones of contoso (the demo's), and closed ones of each owner for the matrix.
        o.OpenInvitations = await OpenInvitationsAsync(ga);
        o.ProviderInvitation = await CustomerInvitationAsync(ga, revoke: Harmless);
        o.FabrikamInvitation = await RequestAndMaybeRevokeAsync(fabrikamGa, revoke: Harmless);
        o.AdatumInvitation = await AdatumCustomerInvitationAsync(revoke: Harmless);

        // Links of pages that carry a token (their forms are exercised too).
        o.PartnershipLinkPath = await LinkPathAsync(await ga.PostAsJsonAsync(new Uri("/v1/relationships/requests", UriKind.Relative), new { invitedEmail = IdentityJourneys.NewEmail("link") }));
        o.CustomerRelationshipLinkPath = await LinkPathAsync(await ga.PostAsync(new Uri("/v1/customers/relationshiprequests", UriKind.Relative), null));
        using (var admin = await SignedInAsync(Emails[Caller.GlobalAdmin]))
        {
            o.UserInvitationLinkPath = await admin.InviteAsync(Contoso, IdentityJourneys.NewEmail("invitee"), "SalesAgent");
        }

        // Listing requests (fabrikam is an indirect provider not yet listed): one decided, one open.
        o.ListingRequestDecided = await CreatedIdAsync(await fabrikamGa.PostAsJsonAsync(new Uri("/v1/profiles/listingrequests", UriKind.Relative), new { kind = "List", text = "Please list us." }));
        using (var declined = await platform.PostAsJsonAsync(new Uri($"/v1/platform/listingrequests/{o.ListingRequestDecided}/decline", UriKind.Relative), new { reason = "Not yet." }))
        {
            Assert.True(declined.IsSuccessStatusCode, $"Declining answered {(int)declined.StatusCode}.");
        }

        o.ListingRequestOpen = await CreatedIdAsync(await fabrikamGa.PostAsJsonAsync(new Uri("/v1/profiles/listingrequests", UriKind.Relative), new { kind = "List", text = "Please list us now." }));
        o.FabrikamOrganisation = (await (await fabrikamGa.GetAsync(new Uri("/v1/profiles/organization", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Notifications: one for each contoso key (an API key is its own principal), one for a person of contoso,
        // one in fabrikam.
        foreach (var role in new[] { "GlobalAdmin", "AdminAgent", "SalesAgent" })
        {
            using var key = await ApiAsync(Contoso, role);
            var principal = await PrincipalAsync(key);
            o.KeyNotifications[role] = await NotifyAsync(o.Contoso, principal);
        }

        o.PersonNotification = await NotifyAsync(o.Contoso, await UserIdAsync(Emails[Caller.GlobalAdmin]));
        o.FabrikamNotification = await NotifyAsync(o.Fabrikam, await PrincipalAsync(fabrikamGa));

        // Webhook endpoints (issue 17), written as the owner would store them: the provider's, Adatum's and Proseware's in
        // contoso, one to delete, and fabrikam's.
        o.WebhookProvider = await WebhookAsync(o.Contoso, null);
        o.WebhookAdatum = await WebhookAsync(o.Contoso, AdatumId);
        o.WebhookProseware = await WebhookAsync(o.Contoso, ProsewareId);
        o.WebhookToDelete = await WebhookAsync(o.Contoso, null);
        o.WebhookFabrikam = await WebhookAsync(o.Fabrikam, null);

        if (Harmless)
        {
            // Every probe of the matrix on an object it may act on is then refused by a rule, or changes nothing.
            foreach (var customer in new[] { o.CustomerAdatum, o.CustomerDirect, o.CustomerProseware })
            {
                await ExpectSuccessAsync(await ga.PostAsJsonAsync(new Uri($"/v1/customers/{customer}/qualifications", UriKind.Relative), new { qualification = "GovernmentCommunityCloud", validationCode = o.ValidationCode }));
                await ExpectSuccessAsync(await ga.PostAsJsonAsync(new Uri($"/v1/customers/{customer}/agreements", UriKind.Relative), AgreementBody()));
            }
        }

        return o;
    }

    private async Task<Guid> WebhookAsync(TenantInfo tenant, Guid? reseller)
    {
        var id = Guid.NewGuid();
        await AppRoleSql.ExecuteAsync(Database.AppConnectionString, tenant.Id, """
            INSERT INTO notifications.webhook_endpoints (tenant_id, id, url, event_types, owner_reseller_organisation_id, protected_secret, status, created_at, created_by)
            VALUES (@t, @id, 'https://hooks.example/matrix', ARRAY['order.placed'], @r, 'protected', 'Active', now(), 'test')
            """, ("t", tenant.Id), ("id", id), ("r", reseller));
        return id;
    }

    public static object AgreementBody() => new
    {
        primaryContact = new { firstName = "Dana", lastName = "Director", email = "dana@contoso-county.example", phoneNumber = "+1 555 0102" },
        dateAgreed = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero),
        type = "MicrosoftCustomerAgreement",
    };

    public static object CustomerBody(Guid? reseller) => new
    {
        companyProfile = new { domain = $"sec{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com" },
        billingProfile = new
        {
            email = "it@springfield.example",
            culture = "en-US",
            language = "en",
            companyName = "City of Springfield",
            defaultAddress = new
            {
                addressLine1 = "742 Evergreen Terrace",
                city = "Springfield",
                state = "OR",
                postalCode = "97403",
                country = "US",
                firstName = "Marge",
                lastName = "Simpson",
                phoneNumber = "+1 541 555 0100",
            },
        },
        associatedPartnerId = reseller,
    };

    private static async Task<Guid> CreateCustomerAsync(HttpClient api, Guid? reseller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/customers", UriKind.Relative)) { Content = JsonContent.Create(CustomerBody(reseller)) };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        return await CreatedIdAsync(await api.SendAsync(request));
    }

    private static async Task<Guid> CancelledCartAsync(HttpClient api, Guid customer, DemoObjects o)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/customers/{customer}/carts", UriKind.Relative))
        {
            Content = JsonContent.Create(new { lineItems = new[] { new { catalogItemId = "O365-E3", quantity = 1, termDuration = "P1Y", billingCycle = "Monthly" } } }),
        };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        var cart = await CreatedIdAsync(await api.SendAsync(request));
        using var cancel = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative));
        cancel.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        await CreatedIdAsync(await api.SendAsync(cancel));
        o.CartCustomers[cart] = customer;
        return cart;
    }

    private async Task<Guid> SubscriptionAsync(TenantInfo tenant, Guid customer, DemoObjects o)
    {
        var (order, cart, subscription) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) +
            """
            INSERT INTO ordering.orders (tenant_id, id, customer_id, cart_id, request_id, status, currency_code, created_at, created_by)
            VALUES (@t, @o, @c, @cart, gen_random_uuid(), 'Completed', 'USD', @now, 'security fixture');
            INSERT INTO ordering.subscriptions (tenant_id, id, customer_id, order_id, offer_id, offer_name, product_family, segment, quantity, term_duration,
                                                billing_cycle, status, auto_renew_enabled, support_contact_kind, created_at, commitment_ends_at)
            VALUES (@t, @s, @c, @o, 'O365-E3', 'Office 365 E3', 'Office365', 'Commercial', 5, 'P1Y', 'Monthly', 'Active', true, 'Provider', @now, @now + interval '1 year');
            """,
            connection);
        command.Parameters.AddWithValue("t", tenant.Id);
        command.Parameters.AddWithValue("o", order);
        command.Parameters.AddWithValue("c", customer);
        command.Parameters.AddWithValue("cart", cart);
        command.Parameters.AddWithValue("s", subscription);
        command.Parameters.AddWithValue("now", Clock.GetUtcNow());
        await command.ExecuteNonQueryAsync();
        o.SubscriptionCustomers[subscription] = customer;
        return subscription;
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
            using var json = JsonDocument.Parse(text);
            return json.RootElement.GetProperty("id").GetGuid();
        }
    }

    private static async Task ExpectSuccessAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<string> LinkPathAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, $"Issuing a link answered {(int)response.StatusCode}: {json}");
            return new Uri(json.GetProperty("url").GetString() ?? string.Empty).PathAndQuery;
        }
    }

    /// <summary>A partnership request to a new address, registered and accepted for the organisation with that PartnerID.</summary>
    private async Task<Guid> PartnerAsync(HttpClient provider, string tenant, string partnerId, Guid organisationId)
    {
        var email = IdentityJourneys.NewEmail("accept");
        var path = await LinkPathAsync(await provider.PostAsJsonAsync(new Uri("/v1/relationships/requests", UriKind.Relative), new { invitedEmail = email }));
        using var visitor = new PortalClient(Factory);
        var registered = await visitor.PostFormAsync(path, path + "?handler=Register", Fields(("DisplayName", "Avery Acceptor"), ("Password", Password), ("ConfirmPassword", Password)));
        Assert.True(registered.Status == HttpStatusCode.Redirect, $"Registering through {path} answered {(int)registered.Status}: {TextOf(registered.Html, "form-errors")}");
        var accepted = await visitor.PostFormAsync(path, path + "?handler=Accept", Fields(("PartnerId", partnerId), ("AuthorizeProvider", "true")));
        Assert.True((int)accepted.Status < 400, $"Accepting for {partnerId} in {tenant} answered {(int)accepted.Status}: {TextOf(accepted.Html, "form-errors")}");
        Passwords[email] = Password;
        LastAcceptor = email;
        return await PartnershipIdAsync(provider, organisationId) ?? throw new InvalidOperationException($"No partnership with {partnerId} in {tenant} after accepting.");
    }

    private string? LastAcceptor { get; set; }

    private static async Task<Guid?> PartnershipIdAsync(HttpClient provider, Guid organisationId)
    {
        var list = await provider.GetFromJsonAsync<JsonElement>(new Uri("/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&size=500", UriKind.Relative));
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("partnerOrganisationId").GetGuid() == organisationId)
            {
                return item.GetProperty("partnershipId").GetGuid();
            }
        }

        return null;
    }

    private async Task<PortalClient> RegisterAsync(string invitationPath)
    {
        var portal = new PortalClient(Factory);
        var response = await portal.PostFormAsync(invitationPath, invitationPath + "?handler=Register", Fields(
            ("DisplayName", "Pat Proseware"), ("Password", Password), ("ConfirmPassword", Password)));
        Assert.True(response.Status == HttpStatusCode.Redirect, $"Registering answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        return portal;
    }

    private static async Task<Guid> ContosoCustomerCaseAsync(HttpClient ga)
    {
        var list = await ga.GetFromJsonAsync<JsonElement>(new Uri("/v1/validationcases?size=500", UriKind.Relative));
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("kind").GetString() == "Customer")
            {
                return item.GetProperty("id").GetGuid();
            }
        }

        throw new InvalidOperationException("The demo seed has no customer case in contoso.");
    }

    private async Task<Guid> ResellerCaseAsync(string email, string password)
    {
        using var reseller = await SignedInAsync(email, password);
        var domain = $"c{Guid.NewGuid():N}"[..12] + ".onmicrosoft.com";
        var page = $"/{Contoso}/validation/customers/new";
        var posted = await reseller.PostFormAsync(page, page, Fields(
            ("Form.LegalName", "Adatum Town"), ("Form.Domain", domain), ("Form.Address", "1 Adatum Way"),
            ("Form.ContactName", "Ari Admin"), ("Form.ContactEmail", "ari@adatumtown.example"), ("Form.ContactPhone", "+1 555 0103"),
            ("Form.Category", "UsLocalGovernment")));
        Assert.True(posted.Status == HttpStatusCode.Redirect, $"{email}'s case answered {(int)posted.Status}: {TextOf(posted.Html, "form-errors")}");
        return Guid.Parse(Regex.Match(posted.Location ?? string.Empty, "[0-9a-f]{8}-[0-9a-f-]{27}").Value);
    }

    private static async Task<IReadOnlyList<Guid>> OpenInvitationsAsync(HttpClient ga)
    {
        var list = await ga.GetFromJsonAsync<JsonElement>(new Uri("/v1/invitations?status=open&size=500", UriKind.Relative));
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    private static async Task<Guid> RequestAndMaybeRevokeAsync(HttpClient provider, bool revoke)
    {
        var id = await CreatedIdAsync(await provider.PostAsJsonAsync(new Uri("/v1/relationships/requests", UriKind.Relative), new { invitedEmail = IdentityJourneys.NewEmail("closed") }));
        if (revoke)
        {
            using var revoked = await provider.PostAsync(new Uri($"/v1/invitations/{id}/revoke", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        return id;
    }

    /// <summary>A customer-relationship link issued through the API (kind any provider role may manage), revoked or open.</summary>
    private static async Task<Guid> CustomerInvitationAsync(HttpClient provider, bool revoke)
    {
        using var issued = await provider.PostAsync(new Uri("/v1/customers/relationshiprequests", UriKind.Relative), null); // a new link each time
        var id = await CreatedIdAsync(issued);
        if (revoke)
        {
            using var revoked = await provider.PostAsync(new Uri($"/v1/invitations/{id}/revoke", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        return id;
    }

    private async Task<Guid> AdatumCustomerInvitationAsync(bool revoke)
    {
        using var reseller = await SignedInAsync(Emails[Caller.AdatumAdmin]);
        var page = $"/{Contoso}/customers/relationship-request";
        var response = await reseller.PostFormAsync(page, page + "?handler=Request", Fields(("InviteEmail", "it@adatum-customer.example")));
        var id = Guid.Parse(Regex.Match(response.Html, "name=\"DraftInvitationId\" value=\"([0-9a-f-]+)\"").Groups[1].Value);
        if (revoke)
        {
            var revoked = await reseller.PostFormAsync($"/{Contoso}/invitations", $"/{Contoso}/invitations?id={id}&handler=Revoke", []);
            Assert.True((int)revoked.Status < 400, $"Revoking Adatum's invitation answered {(int)revoked.Status}.");
        }

        return id;
    }

    private static async Task<Guid> PrincipalAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/profiles/me", UriKind.Relative))).GetProperty("id").GetGuid();

    public async Task<Guid> UserIdAsync(string email)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM identity.users WHERE normalized_email = upper(@e)", connection);
        command.Parameters.AddWithValue("e", email);
        return await command.ExecuteScalarAsync() is Guid id ? id : Guid.Empty;
    }

    /// <summary>A notification for one principal, delivered as a module does it (its outbox, then the dispatcher); answers its id.</summary>
    private async Task<Guid> NotifyAsync(TenantInfo tenant, Guid recipient)
    {
        var subject = "Probe " + Guid.NewGuid().ToString("N")[..8];
        using (Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            db.EnqueueNotification(new UserNotificationRequested(tenant.Id, "probe", subject, "Probe body", RecipientUserId: recipient), Clock);
            await db.SaveChangesAsync();
        }

        var customers = Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == CustomersModule.Name);
        await Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(customers, tenant);
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant.Id) + "SELECT id FROM notifications.notifications WHERE subject = @s", connection);
        command.Parameters.AddWithValue("s", subject);
        return await command.ExecuteScalarAsync() is Guid id ? id : throw new InvalidOperationException("The probe notification was not delivered.");
    }
}

/// <summary>The objects the generated tests point route parameters at, of each owner.</summary>
public sealed class DemoObjects
{
    public required TenantInfo Contoso { get; init; }

    public required TenantInfo Fabrikam { get; init; }

    public string ValidationCode { get; set; } = string.Empty;

    public Guid AdatumPartnership { get; set; }

    public Guid ProsewarePartnership { get; set; }

    public Guid FabrikamPartnership { get; set; }

    public Guid ContosoUser { get; set; }

    public Guid FabrikamOnlyUser { get; set; }

    public Guid CustomerAdatum { get; set; }

    public Guid CustomerDirect { get; set; }

    public Guid CustomerProseware { get; set; }

    public Guid CustomerFabrikam { get; set; }

    public Guid CartAdatum { get; set; }

    public Guid CartProseware { get; set; }

    public Guid CartFabrikam { get; set; }

    /// <summary>The customer of each demo cart (a cart's routes name both).</summary>
    public Dictionary<Guid, Guid> CartCustomers { get; } = [];

    public Guid SubscriptionAdatum { get; set; }

    public Guid SubscriptionProseware { get; set; }

    public Guid SubscriptionFabrikam { get; set; }

    /// <summary>The customer of each demo subscription (a subscription's routes name both).</summary>
    public Dictionary<Guid, Guid> SubscriptionCustomers { get; } = [];

    public Guid CaseContoso { get; set; }

    public Guid CaseAdatum { get; set; }

    public Guid CaseFabrikam { get; set; }

    public Guid CaseProseware { get; set; }

    public IReadOnlyList<Guid> OpenInvitations { get; set; } = [];

    public Guid ProviderInvitation { get; set; }

    public Guid AdatumInvitation { get; set; }

    public Guid FabrikamInvitation { get; set; }

    public string PartnershipLinkPath { get; set; } = string.Empty;

    public string CustomerRelationshipLinkPath { get; set; } = string.Empty;

    public string UserInvitationLinkPath { get; set; } = string.Empty;

    public Guid ListingRequestDecided { get; set; }

    public Guid ListingRequestOpen { get; set; }

    public Guid FabrikamOrganisation { get; set; }

    public Dictionary<string, Guid> KeyNotifications { get; } = new(StringComparer.Ordinal);

    public Guid PersonNotification { get; set; }

    public Guid FabrikamNotification { get; set; }

    public Guid WebhookProvider { get; set; }

    public Guid WebhookAdatum { get; set; }

    public Guid WebhookProseware { get; set; }

    public Guid WebhookToDelete { get; set; }

    public Guid WebhookFabrikam { get; set; }
}

/// <summary>The caller kinds of the authorisation matrix.</summary>
public enum Caller
{
    GlobalAdmin,
    AdminAgent,
    SalesAgent,
    AdatumAdmin,
    AdatumAgent,
    ProsewareAdmin,
    ProsewareAgent,
    PlatformAdmin,
    ValidationReviewer,
    CustomerAdministrator,
    Anonymous,
}

public sealed class HostileApiFixture : SecurityFixture;

public sealed class HostilePortalFixture : SecurityFixture;

public sealed class AuthorizationMatrixFixture : SecurityFixture
{
    protected override bool Harmless => true;
}

[CollectionDefinition(Name)]
public sealed class HostileApiCollection : ICollectionFixture<HostileApiFixture>
{
    public const string Name = "Security: hostile API bodies (own database over Kestrel)";
}

[CollectionDefinition(Name)]
public sealed class HostilePortalCollection : ICollectionFixture<HostilePortalFixture>
{
    public const string Name = "Security: hostile portal forms (own database over Kestrel)";
}

[CollectionDefinition(Name)]
public sealed class AuthorizationMatrixCollection : ICollectionFixture<AuthorizationMatrixFixture>
{
    public const string Name = "Security: authorisation matrix (own database over Kestrel)";
}
