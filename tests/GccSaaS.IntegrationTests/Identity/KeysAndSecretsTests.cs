using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Customers;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// Issue 18, abuse and secrets: API keys expire and rotate, reseller admins hold keys of their own organisation, platform
/// writes replay by MS-RequestId, acts without a tenant go to the platform audit log, the key ring is encrypted at rest,
/// secrets appear nowhere after their one showing, and antiforgery refuses a forged form.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed partial class KeysAndSecretsTests(IdentityFixture fixture)
{
    private const string GlobalAdmin = "global.admin@contoso.demo";
    private const string AdatumAdmin = "reseller.admin@adatum.demo";
    private const string PlatformAdmin = "platform.admin@gccsaas.demo";
    private const string KeysPage = "/contoso-distribution/settings/api-keys";
    private static readonly Guid AdatumOrganisation = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
    private static readonly Guid AdatumTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");
    private static readonly Uri Me = new("/v1/profiles/me", UriKind.Relative);

    [Fact]
    public async Task A_key_is_valid_one_year_by_default_or_the_chosen_shorter_time_then_answers_401_api_key_expired()
    {
        using var admin = await fixture.SignedInAsync(GlobalAdmin);
        var (defaultId, _) = await CreateKeyAsync(admin, "SalesAgent", null);
        var (shortId, shortKey) = await CreateKeyAsync(admin, "SalesAgent", 30);
        var keys = await fixture.QueryAsync(db => db.ApiKeys.Where(k => k.Id == defaultId || k.Id == shortId).ToDictionaryAsync(k => k.Id));
        Assert.Equal(TimeSpan.FromDays(365), keys[defaultId].ExpiresAt - keys[defaultId].CreatedAt);
        Assert.Equal(TimeSpan.FromDays(30), keys[shortId].ExpiresAt - keys[shortId].CreatedAt);
        var page = await admin.GetAsync(KeysPage);
        Assert.Contains($"data-expires=\"{keys[shortId].ExpiresAt.UtcDateTime:O}\"", Row(page.Html, shortId), StringComparison.Ordinal);
        using var api = ApiClient.Create(fixture.Factory, shortKey);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me)).StatusCode);

        fixture.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        using var expired = await api.GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
        var problem = await expired.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("api_key_expired", ApiCalls.ErrorName(problem));
        Assert.Contains("expired", problem.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
        using var again = await fixture.SignedInAsync(GlobalAdmin);
        Assert.Contains("data-status=\"expired\"", Row((await again.GetAsync(KeysPage)).Html, shortId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_longer_lifetime_than_a_year_is_refused()
    {
        using var admin = await fixture.SignedInAsync(GlobalAdmin);
        var before = await fixture.QueryAsync(db => db.ApiKeys.CountAsync());

        var response = await admin.PostFormAsync(KeysPage, KeysPage + "?handler=Create", Fields(("Name", "forever"), ("Role", "SalesAgent"), ("ValidForDays", "3650")));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Null(TextOf(response.Html, "api-key-secret"));
        Assert.Equal(before, await fixture.QueryAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Rotating_a_key_shows_a_new_secret_once_and_the_old_one_works_for_the_overlap_then_is_refused()
    {
        using var admin = await fixture.SignedInAsync(GlobalAdmin);
        var (oldId, oldKey) = await CreateKeyAsync(admin, "AdminAgent", 90);

        var rotated = await admin.PostFormAsync(KeysPage, KeysPage + "?handler=Rotate", Fields(("apiKeyId", oldId.ToString())));

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newKey = TextOf(rotated.Html, "api-key-secret") ?? throw new InvalidOperationException("No new secret shown.");
        Assert.NotEqual(oldKey, newKey);
        Assert.NotNull(TextOf(rotated.Html, "rotation-overlap"));
        var old = await fixture.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Id == oldId));
        var replacement = await fixture.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Id == old.ReplacedByKeyId));
        Assert.Equal(old.Role, replacement.Role);
        Assert.Equal(TimeSpan.FromDays(90), replacement.ExpiresAt - replacement.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(24), old.ExpiresAt - replacement.CreatedAt);
        using var oldApi = ApiClient.Create(fixture.Factory, oldKey);
        using var newApi = ApiClient.Create(fixture.Factory, newKey);
        Assert.Equal(HttpStatusCode.OK, (await oldApi.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newApi.GetAsync(Me)).StatusCode);
        var again = await admin.PostFormAsync(KeysPage, KeysPage + "?handler=Rotate", Fields(("apiKeyId", oldId.ToString())));
        Assert.True(again.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"rotating twice answered {(int)again.Status}");
        Assert.Null(TextOf(again.Html, "api-key-secret")); // a replaced key is rotated once
        Assert.DoesNotContain(newKey, (await admin.GetAsync(KeysPage)).Html, StringComparison.Ordinal);

        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        using var refused = await oldApi.GetAsync(Me);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("api_key_expired", ApiCalls.ErrorName(await refused.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.OK, (await newApi.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task A_platform_key_expires_and_rotates_like_a_tenant_key()
    {
        using var operatorPortal = await fixture.SignedInAsync(PlatformAdmin);
        var created = await operatorPortal.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Create", Fields(("Name", "rotating"), ("ValidForDays", "180")));
        var oldKey = TextOf(created.Html, "api-key-secret") ?? throw new InvalidOperationException("No key shown.");
        var oldId = KeyIdOf(created.Html, oldKey);
        var stored = await fixture.QueryAsync(db => db.PlatformApiKeys.SingleAsync(k => k.Id == oldId));
        Assert.Equal(TimeSpan.FromDays(180), stored.ExpiresAt - stored.CreatedAt);

        var rotated = await operatorPortal.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Rotate", Fields(("apiKeyId", oldId.ToString())));
        var newKey = TextOf(rotated.Html, "api-key-secret") ?? throw new InvalidOperationException("No new secret shown.");
        using var oldApi = ApiClient.Create(fixture.Factory, oldKey);
        using var newApi = ApiClient.Create(fixture.Factory, newKey);
        var partners = new Uri("/v1/platform/partners?size=1", UriKind.Relative);
        Assert.Equal(HttpStatusCode.OK, (await oldApi.GetAsync(partners)).StatusCode);

        fixture.Clock.Advance(TimeSpan.FromHours(25));

        using var refused = await oldApi.GetAsync(partners);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("api_key_expired", ApiCalls.ErrorName(await refused.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.OK, (await newApi.GetAsync(partners)).StatusCode);
    }

    [Fact]
    public async Task A_reseller_admin_creates_keys_of_its_own_organisation_that_see_only_its_customers()
    {
        using var provider = await fixture.SignedInAsync(GlobalAdmin);
        var (_, providerKey) = await CreateKeyAsync(provider, "GlobalAdmin", null);
        using var providerApi = ApiClient.Create(fixture.Factory, providerKey);
        var adatumCustomer = await CustomerApi.CreatedIdAsync(providerApi, CustomerApi.Body(CustomerApi.NewDomain("ad"), "Adatum's customer", AdatumTenantId));
        var directCustomer = await CustomerApi.CreatedIdAsync(providerApi, CustomerApi.Body(CustomerApi.NewDomain("di"), "Direct customer"));
        var providerKeys = await fixture.QueryAsync(db => db.ApiKeys.Where(k => k.ResellerOrganisationId == null && k.RevokedAt == null).Select(k => k.Id).ToListAsync());

        using var reseller = await fixture.SignedInAsync(AdatumAdmin);
        var page = await reseller.GetAsync(KeysPage);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("value=\"GlobalAdmin\"", page.Html, StringComparison.Ordinal);
        Assert.All(providerKeys, id => Assert.DoesNotContain($"data-api-key-id=\"{id}\"", page.Html, StringComparison.Ordinal));
        var refusedRole = await reseller.PostFormAsync(KeysPage, KeysPage + "?handler=Create", Fields(("Name", "too strong"), ("Role", "GlobalAdmin")));
        Assert.Equal(HttpStatusCode.BadRequest, refusedRole.Status);
        Assert.Null(TextOf(refusedRole.Html, "api-key-secret"));
        var revokeProviderKey = await reseller.PostFormAsync(KeysPage, KeysPage + "?handler=Revoke", Fields(("apiKeyId", providerKeys[0].ToString())));
        Assert.True(revokeProviderKey.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"revoking a provider key answered {(int)revokeProviderKey.Status}");
        Assert.Null(await fixture.QueryAsync(db => db.ApiKeys.Where(k => k.Id == providerKeys[0]).Select(k => k.RevokedAt).SingleAsync()));

        var (keyId, key) = await CreateKeyAsync(reseller, "ResellerAgent", null);
        var stored = await fixture.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Id == keyId));
        Assert.Equal(AdatumOrganisation, stored.ResellerOrganisationId);
        using var api = ApiClient.Create(fixture.Factory, key);
        var me = await api.GetFromJsonAsync<JsonElement>(Me);
        Assert.Equal("ResellerAgent", me.GetProperty("role").GetString());
        Assert.Equal(AdatumOrganisation, me.GetProperty("resellerOrganisationId").GetGuid());

        var list = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/customers?size=500", UriKind.Relative));
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, c => c.GetProperty("id").GetGuid() == adatumCustomer);
        Assert.DoesNotContain(items, c => c.GetProperty("id").GetGuid() == directCustomer);
        Assert.All(items, c => Assert.Equal(AdatumTenantId, c.GetProperty("associatedPartnerId").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri($"/v1/customers/{adatumCustomer}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(new Uri($"/v1/customers/{directCustomer}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(new Uri($"/v1/users/{await fixture.UserIdAsync(GlobalAdmin)}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_reseller_key_stops_working_when_its_creator_no_longer_administers_the_reseller()
    {
        var (_, userId, member) = await fixture.CreateMemberAsync(IdentityFixture.Contoso, "ResellerAdmin", AdatumOrganisation);
        using (member)
        {
            var (_, key) = await CreateKeyAsync(member, "ResellerAdmin", null);
            using var api = ApiClient.Create(fixture.Factory, key);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me)).StatusCode);

            using var admin = await fixture.SignedInAsync(GlobalAdmin);
            var removed = await admin.PostFormAsync("/contoso-distribution/users", "/contoso-distribution/users?handler=Remove", Fields(("userId", userId.ToString())));
            Assert.Equal(HttpStatusCode.Redirect, removed.Status);

            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Me)).StatusCode);
        }
    }

    [Fact]
    public async Task A_platform_write_retried_with_the_same_request_id_gets_the_first_answer_and_writes_once()
    {
        using var operatorPortal = await fixture.SignedInAsync(PlatformAdmin);
        var created = await operatorPortal.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Create", Fields(("Name", "idempotent")));
        using var api = ApiClient.Create(fixture.Factory, TextOf(created.Html, "api-key-secret") ?? throw new InvalidOperationException("No key shown."));
        var partnerId = Random.Shared.Next(7000000, 7999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new
        {
            legalName = "Replay Test " + partnerId,
            partnerId,
            partnerType = "IndirectProvider",
            cspEnrolled = true,
            partnerAgreementSigned = true,
            countryCode = "US",
            cspRegion = "US",
            commercialTenantId = Guid.NewGuid().ToString(),
        };
        var requestId = Guid.NewGuid();

        using var first = await SendAsync(api, body, requestId);
        var firstBody = await first.Content.ReadAsStringAsync();
        using var retry = await SendAsync(api, body, requestId);
        var retryBody = await retry.Content.ReadAsStringAsync();
        using var other = await SendAsync(api, body with { legalName = "Another " + partnerId }, requestId);

        Assert.True(first.StatusCode == HttpStatusCode.Created, firstBody);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("MS-Idempotent-Replay").Single());
        Assert.Equal(firstBody, retryBody);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("request_id_reused", ApiCalls.ErrorName(await other.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(1L, await OwnerScalarAsync<long>("SELECT count(*) FROM partners.partner_organisations WHERE partner_id = @p", ("p", partnerId)));

        static async Task<HttpResponseMessage> SendAsync(HttpClient api, object body, Guid requestId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/platform/partners", UriKind.Relative)) { Content = JsonContent.Create(body) };
            request.Headers.Add("MS-RequestId", requestId.ToString());
            return await api.SendAsync(request);
        }
    }

    [Fact]
    public async Task Acts_without_a_tenant_go_to_the_platform_audit_log_which_the_application_cannot_change()
    {
        using var operatorPortal = await fixture.SignedInAsync(PlatformAdmin);
        var operatorId = await fixture.UserIdAsync(PlatformAdmin);
        var identifier = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var created = await operatorPortal.PostFormAsync("/platform/tenants", "/platform/tenants?handler=Create",
            Fields(("Identifier", identifier), ("Name", "Audited " + identifier), ("AdminEmail", IdentityJourneys.NewEmail("audited"))));
        Assert.True(created.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, $"Creating a tenant answered {(int)created.Status}.");
        using var failed = fixture.Portal();
        await failed.SignInAsync(GlobalAdmin, "not-the-password-" + Guid.NewGuid());

        var lines = await fixture.QueryAsync(db => db.PlatformAuditEntries.OrderByDescending(e => e.Id).Take(200).ToListAsync());
        Assert.Contains(lines, e => e.Action == "CreateTenantCommand" && e.UserId == operatorId && e.Details.Contains(identifier, StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Action == "SignedIn" && e.UserId == operatorId);
        // Issue 16: the act is filed under the tenant it created; the operator's sign-in, into no workspace, under none.
        var createdTenant = await fixture.TenantAsync(identifier);
        Assert.Equal(createdTenant.Id, lines.First(e => e.Action == "CreateTenantCommand" && e.Details.Contains(identifier, StringComparison.Ordinal)).TenantId);
        Assert.All(lines.Where(e => e.Action == "SignedIn" && e.UserId == operatorId), e => Assert.Null(e.TenantId));
        var globalAdminId = await fixture.UserIdAsync(GlobalAdmin);
        Assert.Contains(lines, e => e.Action == "SignInFailed" && e.UserId == globalAdminId);

        var page = await operatorPortal.GetAsync("/platform/audit");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-action=\"CreateTenantCommand\"", page.Html, StringComparison.Ordinal);
        using var globalAdmin = await fixture.SignedInAsync(GlobalAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await globalAdmin.GetAsync("/platform/audit")).Status);
        // Older lines are a keyset page away: the pager's next pages reach the oldest of the 200 lines read.
        var oldest = lines.Min(e => e.Id);
        var older = await operatorPortal.GetAsync("/platform/audit?size=100");
        for (var pages = 0; pages < 20 && !older.Html.Contains($"data-audit-id=\"{oldest}\"", StringComparison.Ordinal); pages++)
        {
            var next = Regex.Match(older.Html, "<a id=\"next-page\" href=\"([^\"]+)\"");
            Assert.True(next.Success, "The platform audit log offers no older page.");
            older = await operatorPortal.GetAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        }

        Assert.Contains($"data-audit-id=\"{oldest}\"", older.Html, StringComparison.Ordinal);

        var app = fixture.Database.AppConnectionString;
        await Assert.ThrowsAsync<PostgresException>(() => AppRoleSql.ExecuteAsync(app, null, "UPDATE identity.platform_audit_entries SET actor = 'x'"));
        await Assert.ThrowsAsync<PostgresException>(() => AppRoleSql.ExecuteAsync(app, null, "DELETE FROM identity.platform_audit_entries"));
        await Assert.ThrowsAsync<PostgresException>(() => AppRoleSql.ExecuteAsync(app, null, "TRUNCATE identity.platform_audit_entries"));
    }

    [Fact]
    public async Task The_stored_key_ring_holds_no_plaintext_key_material()
    {
        using var admin = await fixture.SignedInAsync(GlobalAdmin); // the cookie and antiforgery use the ring

        var rows = await fixture.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotMatch(MasterKeyValue(), xml);
        });
    }

    [Fact]
    public void Outside_development_the_host_refuses_to_start_without_a_key_ring_certificate()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };

        var failure = Assert.Throws<InvalidOperationException>(() => DataProtectionCertificate.Load(settings, production));

        Assert.Contains("DataProtection:CertificatePath", failure.Message, StringComparison.Ordinal);
        var missing = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = "/no/such.pfx" }).Build();
        Assert.Throws<InvalidOperationException>(() => DataProtectionCertificate.Load(missing, production));
    }

    [Fact]
    public async Task Secrets_appear_in_no_log_line_audit_row_error_or_later_page_after_their_one_showing()
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        using var admin = await fixture.SignedInAsync(GlobalAdmin);

        // API keys: a tenant key, its rotated successor, a platform key (the part after the public prefix is the secret).
        var (keyId, key) = await CreateKeyAsync(admin, "GlobalAdmin", null);
        secrets["api key"] = SecretPart(key);
        var rotated = await admin.PostFormAsync(KeysPage, KeysPage + "?handler=Rotate", Fields(("apiKeyId", keyId.ToString())));
        secrets["rotated api key"] = SecretPart(TextOf(rotated.Html, "api-key-secret") ?? throw new InvalidOperationException("No rotated key."));
        using (var operatorPortal = await fixture.SignedInAsync(PlatformAdmin))
        {
            var platform = await operatorPortal.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Create", Fields(("Name", "scanned")));
            secrets["platform api key"] = SecretPart(TextOf(platform.Html, "api-key-secret") ?? throw new InvalidOperationException("No platform key."));
        }

        // An invitation token (the link shown once), and the password the invitee chooses.
        var invitation = await admin.InviteAsync(IdentityFixture.Contoso, IdentityJourneys.NewEmail("secret"), "SalesAgent");
        secrets["invitation token"] = invitation.Split('/', '?', '=', '&').OrderByDescending(p => p.Length).First();
        var chosenPassword = "Chosen-" + Guid.NewGuid().ToString("N")[..16] + "!";
        using (await fixture.RegisterAsync(invitation, password: chosenPassword))
        {
            secrets["chosen password"] = chosenPassword;
        }

        // A customer's temporary password and a webhook secret, both shown once by /v1.
        using var api = ApiClient.Create(fixture.Factory, key);
        using (var customer = await CustomerApi.CreateAsync(api, CustomerApi.Body(CustomerApi.NewDomain("sec"), "Secretive customer")))
        {
            var json = await customer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(customer.StatusCode == HttpStatusCode.Created, json.ToString());
            secrets["temporary password"] = json.GetProperty("userCredentials").GetProperty("password").GetString() ?? string.Empty;
        }

        using (var webhook = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/webhooks", UriKind.Relative)) { Content = JsonContent.Create(new { url = "https://93.184.215.14/hook", eventTypes = new[] { "order.placed" } }) })
        {
            webhook.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
            using var response = await api.SendAsync(webhook);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
            secrets["webhook secret"] = json.GetProperty("secret").GetString() ?? string.Empty;
        }

        // An error message about a presented secret does not echo it.
        var forged = key[..^6] + "ABCDEF";
        secrets["forged key"] = SecretPart(forged);
        using (var forgedApi = ApiClient.Create(fixture.Factory, forged))
        using (var refused = await forgedApi.GetAsync(Me))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.DoesNotContain(secrets["forged key"], await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.All(secrets, s => Assert.True(s.Value.Length >= 12, $"the {s.Key} was not captured"));
        var pages = new List<string>();
        foreach (var path in new[] { KeysPage, "/contoso-distribution/users", "/contoso-distribution/audit", "/contoso-distribution/customers" })
        {
            pages.Add((await admin.GetAsync(path)).Html);
        }

        using (var operatorPortal = await fixture.SignedInAsync(PlatformAdmin))
        {
            pages.Add((await operatorPortal.GetAsync("/platform/api-keys")).Html);
            pages.Add((await operatorPortal.GetAsync("/platform/audit")).Html);
        }

        var auditRows = new List<string>();
        await using (var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            // The tenant audit log is fenced by row-level security (forced, so the owner obeys it too): read contoso's.
            await using (var tenant = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection))
            {
                tenant.Parameters.AddWithValue("t", (await fixture.TenantAsync(IdentityFixture.Contoso)).Id.ToString("D"));
                await tenant.ExecuteScalarAsync();
            }

            foreach (var table in new[] { "notifications.audit_entries", "identity.platform_audit_entries" })
            {
                await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    auditRows.Add(reader.GetString(0));
                }
            }
        }

        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.Contains(auditRows, r => r.Contains("CreateApiKeyCommand", StringComparison.Ordinal));
        var leaks = new List<string>();
        foreach (var (what, secret) in secrets)
        {
            // KNOWN LEAK, not fixed yet (docs/reliability.md): the invitation token is in the link's path, and the host's
            // request scope (RequestPath) carries the path into every log line of that request. Checked in its own
            // skipped test below until the token leaves the path; audit rows and pages are still checked here.
            if (what != "invitation token")
            {
                leaks.AddRange(fixture.Logs.Containing(secret).Select(l => $"{what} in a log line: {l[..Math.Min(300, l.Length)]}"));
            }

            leaks.AddRange(auditRows.Where(r => r.Contains(secret, StringComparison.Ordinal)).Select(r => $"{what} in an audit row: {r[..Math.Min(300, r.Length)]}"));
            leaks.AddRange(pages.Where(p => p.Contains(secret, StringComparison.Ordinal)).Select(_ => $"{what} in a later page"));
        }

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public async Task An_invitation_token_appears_in_no_log_line()
    {
        using var admin = await fixture.SignedInAsync(GlobalAdmin);
        var invitation = await admin.InviteAsync(IdentityFixture.Contoso, IdentityJourneys.NewEmail("logged"), "SalesAgent");
        var token = invitation.Split('/', '?', '=', '&').OrderByDescending(p => p.Length).First();
        using (await fixture.RegisterAsync(invitation))
        {
        }

        Assert.Empty(fixture.Logs.Containing(token));
    }

    [Fact]
    public async Task Antiforgery_refuses_a_forged_form_post_and_nothing_is_written()
    {
        using var admin = await fixture.SignedInAsync(GlobalAdmin);
        using var other = await fixture.SignedInAsync("multi@gccsaas.demo");
        var othersToken = AntiforgeryToken((await other.GetAsync("/select-tenant")).Html) ?? throw new InvalidOperationException("No token.");
        var before = await fixture.QueryAsync(db => db.ApiKeys.CountAsync());
        var fields = Fields(("Name", "forged"), ("Role", "GlobalAdmin"));

        using var form = new FormUrlEncodedContent(fields);
        using var withoutToken = await admin.Http.PostAsync(new Uri(KeysPage + "?handler=Create", UriKind.Relative), form);
        var withOthersToken = await admin.PostWithTokenAsync(KeysPage + "?handler=Create", othersToken, fields);
        using var anonymous = fixture.Portal();
        var anonymousWithToken = await anonymous.PostWithTokenAsync(KeysPage + "?handler=Create", othersToken, fields);

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withOthersToken.Status);
        Assert.True(anonymousWithToken.Status is HttpStatusCode.BadRequest or HttpStatusCode.Redirect, $"anonymous forged post answered {(int)anonymousWithToken.Status}");
        Assert.Equal(before, await fixture.QueryAsync(db => db.ApiKeys.CountAsync()));
    }

    private static async Task<(Guid Id, string Key)> CreateKeyAsync(PortalClient user, string role, int? days)
    {
        var fields = new List<(string, string)> { ("Name", "key-" + Guid.NewGuid().ToString("N")[..6]), ("Role", role) };
        if (days is { } d)
        {
            fields.Add(("ValidForDays", d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var response = await user.PostFormAsync(KeysPage, KeysPage + "?handler=Create", Fields([.. fields]));
        Assert.True(response.Status == HttpStatusCode.OK, $"Creating a key answered {(int)response.Status}: {TextOf(response.Html, "form-errors")}");
        var key = TextOf(response.Html, "api-key-secret") ?? throw new InvalidOperationException("No key shown.");
        return (KeyIdOf(response.Html, key), key);
    }

    private static Guid KeyIdOf(string html, string key)
    {
        var prefix = key.Split('_')[1];
        return Guid.Parse(Regex.Match(html, $"""data-api-key-id="([0-9a-f-]+)"(?:(?!</tr>).)*_{prefix}""", RegexOptions.Singleline).Groups[1].Value);
    }

    private static string Row(string html, Guid id)
    {
        var start = html.IndexOf($"data-api-key-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for key {id}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    /// <summary>The secret of a key <c>gcc_{prefix}_{secret}</c> (the prefix is public).</summary>
    private static string SecretPart(string key) => key[(key.IndexOf('_', key.IndexOf('_', StringComparison.Ordinal) + 1) + 1)..];

    private async Task<T> OwnerScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("No value."));
    }

    [GeneratedRegex("<masterKey[^>]*>\\s*<value>", RegexOptions.Singleline)]
    private static partial Regex MasterKeyValue();
}
