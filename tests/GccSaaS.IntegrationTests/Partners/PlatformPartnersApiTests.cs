using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Api;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>/v1/platform/partners: the platform admin maintains the directory over the API (platform keys, ADR 0011).</summary>
[Collection(PartnersCollection.Name)]
public sealed class PlatformPartnersApiTests(PartnersFixture fixture)
{
    private static readonly Uri Partners = new("/v1/platform/partners", UriKind.Relative);

    [Fact]
    public async Task The_directory_is_searched_and_paged_with_continuation_tokens_in_name_order()
    {
        using var api = await fixture.PlatformApiAsync();

        var names = new List<string>();
        var first = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/platform/partners?size=3", UriKind.Relative));
        var page = first;
        var pages = 0;
        while (true)
        {
            pages++;
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("legalName").GetString()!));
            if (!page.GetProperty("links").TryGetProperty("next", out var next) || next.ValueKind == JsonValueKind.Null)
            {
                break;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(next.GetProperty("uri").GetString()!, UriKind.Relative));
            var header = next.GetProperty("headers").EnumerateArray().Single(h => h.GetProperty("key").GetString() == "MS-ContinuationToken");
            request.Headers.Add("MS-ContinuationToken", header.GetProperty("value").GetString());
            using var response = await api.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var search = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/platform/partners?q=northwind", UriKind.Relative));
        var byPartnerId = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/platform/partners?q=5123430", UriKind.Relative));
        var byTenant = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/platform/partners?q=2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01", UriKind.Relative));

        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        Assert.True(pages >= 3);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("Contoso Distribution", names);
        Assert.Contains("Alpine Ski Reseller", names);
        Assert.Equal(await fixture.QueryAsync(db => db.PartnerOrganisations.CountAsync()), names.Count);
        Assert.Equal("Northwind Unsigned", Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("legalName").GetString());
        Assert.Equal("Litware EU", Assert.Single(byPartnerId.GetProperty("items").EnumerateArray()).GetProperty("legalName").GetString());
        Assert.Equal("Contoso Distribution", Assert.Single(byTenant.GetProperty("items").EnumerateArray()).GetProperty("legalName").GetString());
    }

    [Fact]
    public async Task The_platform_admin_creates_reads_and_edits_an_organisation_and_links_a_tenant()
    {
        using var api = await fixture.PlatformApiAsync();
        var tenant = await fixture.Services.CreateTenantAsync("link");
        var partnerId = NewPartnerId();

        using var create = await api.PostAsJsonAsync(Partners, NewOrganisation(partnerId, Guid.NewGuid()));
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        using var patch = await api.PatchAsJsonAsync(new Uri($"/v1/platform/partners/{id}", UriKind.Relative), new
        {
            legalName = "Wingtip Toys Government",
            cspRegion = "eu",
            partnerAgreementSigned = false,
            workspaceTenant = tenant.Identifier,
        });
        var patched = await patch.Content.ReadFromJsonAsync<JsonElement>();
        var read = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/platform/partners/{id}", UriKind.Relative));
        var linked = await fixture.SendAsync(new GccSaaS.Modules.Partners.Contracts.GetTenantPartnerOrganisationQuery(tenant.Id));
        using var unlink = await api.PatchAsJsonAsync(new Uri($"/v1/platform/partners/{id}", UriKind.Relative), new { workspaceTenant = "" });

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal($"/v1/platform/partners/{id}", create.Headers.Location?.OriginalString);
        Assert.Equal("IndirectProvider", created.GetProperty("partnerType").GetString());
        Assert.False(created.GetProperty("officiallyListed").GetBoolean());
        Assert.Equal("NotListed", created.GetProperty("listingStatus").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("workspaceTenantId").ValueKind);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("Wingtip Toys Government", patched.GetProperty("legalName").GetString());
        Assert.Equal("EU", patched.GetProperty("cspRegion").GetString());
        Assert.False(patched.GetProperty("partnerAgreementSigned").GetBoolean());
        Assert.Equal(partnerId, patched.GetProperty("partnerId").GetString()); // untouched fields stay
        Assert.True(patched.GetProperty("cspEnrolled").GetBoolean());
        Assert.Equal(tenant.Id, read.GetProperty("workspaceTenantId").GetGuid());
        Assert.Equal("Wingtip Toys Government", linked!.LegalName);
        Assert.Equal(JsonValueKind.Null, (await unlink.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workspaceTenantId").ValueKind);
    }

    [Fact]
    public async Task Duplicates_are_409_with_their_own_codes()
    {
        using var api = await fixture.PlatformApiAsync();

        using var partnerIdTaken = await api.PostAsJsonAsync(Partners, NewOrganisation("4811230", Guid.NewGuid()));
        using var tenantIdTaken = await api.PostAsJsonAsync(Partners, NewOrganisation(NewPartnerId(), Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01")));
        using var workspaceTaken = await api.PostAsJsonAsync(Partners, NewOrganisation(NewPartnerId(), Guid.NewGuid()) with { workspaceTenant = PartnersFixture.Contoso });

        await AssertProblemAsync(partnerIdTaken, HttpStatusCode.Conflict, "partner_id_taken");
        await AssertProblemAsync(tenantIdTaken, HttpStatusCode.Conflict, "commercial_tenant_id_taken");
        await AssertProblemAsync(workspaceTaken, HttpStatusCode.Conflict, "workspace_tenant_taken");
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        using var api = await fixture.PlatformApiAsync();

        using var badGuid = await api.PostAsJsonAsync(Partners, NewOrganisation(NewPartnerId(), Guid.NewGuid()) with { commercialTenantId = "not-a-guid" });
        using var badType = await api.PostAsJsonAsync(Partners, NewOrganisation(NewPartnerId(), Guid.NewGuid()) with { partnerType = "Distributor" });
        using var badPartnerId = await api.PostAsJsonAsync(Partners, NewOrganisation("MPN-12", Guid.NewGuid()));
        using var sameGcc = await api.PostAsJsonAsync(Partners, NewOrganisation(NewPartnerId(), Guid.Parse("11111111-2222-3333-4444-555555555555")) with { azureGccTenantId = "11111111-2222-3333-4444-555555555555" });
        using var unknownTenant = await api.PostAsJsonAsync(Partners, NewOrganisation(NewPartnerId(), Guid.NewGuid()) with { workspaceTenant = "no-such-tenant" });

        Assert.Equal("commercialTenantId", (await AssertProblemAsync(badGuid, HttpStatusCode.BadRequest, "invalid_input")).GetProperty("field").GetString());
        Assert.Equal("partnerType", (await AssertProblemAsync(badType, HttpStatusCode.BadRequest, "invalid_input")).GetProperty("field").GetString());
        Assert.Equal("partnerId", (await AssertProblemAsync(badPartnerId, HttpStatusCode.BadRequest, "invalid_input")).GetProperty("field").GetString());
        Assert.Equal("azureGccTenantId", (await AssertProblemAsync(sameGcc, HttpStatusCode.BadRequest, "invalid_input")).GetProperty("field").GetString());
        await AssertProblemAsync(unknownTenant, HttpStatusCode.BadRequest, "workspace_tenant_not_found");
    }

    [Fact]
    public async Task R_PAR_5_and_R_VAL_4_the_listing_flag_and_qualifications_are_not_edited_through_the_directory_api()
    {
        using var api = await fixture.PlatformApiAsync();
        var contoso = new Uri("/v1/platform/partners/0c7a4e51-2d3b-4f60-8a11-4811240a0002", UriKind.Relative); // Fabrikam, not listed
        var before = await api.GetFromJsonAsync<JsonElement>(contoso);

        using var list = await api.PatchAsJsonAsync(contoso, new { officiallyListed = true });
        using var qualify = await api.PatchAsJsonAsync(contoso, new { qualifications = new[] { "Government_community_cloud" } });
        var after = await api.GetFromJsonAsync<JsonElement>(contoso);

        await AssertProblemAsync(list, HttpStatusCode.BadRequest, "listing_changes_through_listing_requests");
        await AssertProblemAsync(qualify, HttpStatusCode.BadRequest, "qualifications_through_validation");
        Assert.False(after.GetProperty("officiallyListed").GetBoolean());
        Assert.Equal(before.GetProperty("qualifications").GetArrayLength(), after.GetProperty("qualifications").GetArrayLength());
        Assert.Equal(before.GetProperty("updatedAt").GetDateTimeOffset(), after.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_unknown_id_is_404()
    {
        using var api = await fixture.PlatformApiAsync();

        using var get = await api.GetAsync(new Uri($"/v1/platform/partners/{Guid.NewGuid()}", UriKind.Relative));
        using var patch = await api.PatchAsJsonAsync(new Uri($"/v1/platform/partners/{Guid.NewGuid()}", UriKind.Relative), new { legalName = "x" });

        await AssertProblemAsync(get, HttpStatusCode.NotFound, "partner_organisation_not_found");
        await AssertProblemAsync(patch, HttpStatusCode.NotFound, "partner_organisation_not_found");
    }

    [Fact]
    public async Task Tenant_keys_and_reviewer_keys_cannot_reach_the_directory_api()
    {
        using var tenantApi = await fixture.ApiAsync(PartnersFixture.Contoso, "GlobalAdmin");
        using var reviewerApi = await fixture.PlatformApiAsync("reviewer@gccsaas.demo");

        using var tenantList = await tenantApi.GetAsync(Partners);
        using var tenantCreate = await tenantApi.PostAsJsonAsync(Partners, NewOrganisation(NewPartnerId(), Guid.NewGuid()));
        using var reviewerList = await reviewerApi.GetAsync(Partners);
        using var reviewerPatch = await reviewerApi.PatchAsJsonAsync(new Uri("/v1/platform/partners/0c7a4e51-2d3b-4f60-8a11-4811230a0001", UriKind.Relative), new { legalName = "Hijacked" });

        Assert.Equal(HttpStatusCode.Forbidden, tenantList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tenantCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerPatch.StatusCode);
        Assert.Equal("Contoso Distribution", await fixture.QueryAsync(db => db.PartnerOrganisations.Where(o => o.PartnerId == "4811230").Select(o => o.LegalName).SingleAsync()));
    }

    private static string NewPartnerId() => Random.Shared.Next(6000000, 6999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static NewOrganisationBody NewOrganisation(string partnerId, Guid commercial) =>
        new("Wingtip Toys", partnerId, "IndirectProvider", true, true, "US", "US", commercial.ToString(), null, null);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, ApiCalls.ErrorName(problem));
        return problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 ? errors[0] : problem;
    }

#pragma warning disable IDE1006, SA1300 // JSON property names as the API spells them
    private sealed record NewOrganisationBody(
        string legalName, string partnerId, string partnerType, bool cspEnrolled, bool partnerAgreementSigned,
        string countryCode, string cspRegion, string commercialTenantId, string? azureGccTenantId, string? workspaceTenant);
#pragma warning restore IDE1006, SA1300
}
