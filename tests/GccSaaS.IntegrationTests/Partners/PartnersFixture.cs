using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Partners;
using GccSaaS.Modules.Partners.Data;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Partners;

/// <summary>
/// One host on its own database with the demo seed: the demo tenants and the demo partner directory
/// (Contoso Distribution, Fabrikam Cloud, Adatum Reseller and the resellers of each PartnerID refusal).
/// </summary>
public sealed class PartnersFixture() : SeededPlatformFixture(DateTimeOffset.UtcNow)
{
    public const string Contoso = "contoso-distribution";
    public const string Fabrikam = "fabrikam-cloud";

    /// <summary>An API client with a platform key of the demo Platform admin.</summary>
    public Task<HttpClient> PlatformApiAsync() => PlatformApiAsync("platform.admin@gccsaas.demo");

    /// <summary>
    /// A new indirect provider as the product makes one: the platform admin creates its tenant (with the first
    /// Global admin's invitation, who registers) and its directory organisation linked to the tenant (API).
    /// </summary>
    public async Task<NewProvider> NewProviderAsync(string type = "IndirectProvider")
    {
        var identifier = "prov-" + Guid.NewGuid().ToString("N")[..10];
        var email = $"ga-{Guid.NewGuid():N}"[..12] + "@test.example";
        using var platform = await SignedInAsync("platform.admin@gccsaas.demo");
        var created = await platform.PostFormAsync("/platform/tenants", "/platform/tenants?handler=Create",
            PortalClient.Fields(("Identifier", identifier), ("Name", "Provider " + identifier), ("AdminEmail", email)));
        var link = PortalClient.TextOf(created.Html, "invitation-link") ?? throw new InvalidOperationException("No invitation link.");
        var invitation = new Uri(link).PathAndQuery;
        var admin = new PortalClient(Factory);
        var registered = await admin.PostFormAsync(invitation, invitation + "?handler=Register", PortalClient.Fields(
            ("DisplayName", "Gail Global"), ("Password", "Test-Password-2026!"), ("ConfirmPassword", "Test-Password-2026!")));
        Assert.True(registered.Status == System.Net.HttpStatusCode.Redirect, $"Registering answered {(int)registered.Status}.");

        using var api = await PlatformApiAsync();
        using var organisation = await api.PostAsJsonAsync(new Uri("/v1/platform/partners", UriKind.Relative), new
        {
            legalName = "Provider " + identifier,
            partnerId = Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            partnerType = type,
            cspEnrolled = true,
            partnerAgreementSigned = true,
            countryCode = "US",
            cspRegion = "US",
            commercialTenantId = Guid.NewGuid().ToString(),
            workspaceTenant = identifier,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, organisation.StatusCode);
        var organisationId = (await JsonAsync(organisation)).GetProperty("id").GetGuid();
        var (_, key) = await admin.CreateApiKeyAsync(identifier, "GlobalAdmin");
        return new NewProvider(await TenantAsync(identifier), organisationId, admin, key);
    }

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    internal async Task<T> QueryAsync<T>(Func<PartnersDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PartnersDbContext>());
    }

    /// <summary>Writes a notification to the Partners outbox of the tenant, committed, as another module's outbox would.</summary>
    public async Task EnqueueAsync(TenantInfo tenant, INotification notification)
    {
        using var tenantScope = Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        db.EnqueueNotification(notification, Clock);
        await db.SaveChangesAsync();
    }

    public Task<int> DispatchAsync(TenantInfo tenant)
    {
        var partners = Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == PartnersModule.Name);
        return Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(partners, tenant);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

/// <summary>A provider made by <see cref="PartnersFixture.NewProviderAsync"/>: its Global admin signed in, and a GlobalAdmin key.</summary>
public sealed record NewProvider(TenantInfo Tenant, Guid OrganisationId, PortalClient Admin, string GlobalAdminKey) : IDisposable
{
    public void Dispose() => Admin.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PartnersCollection : ICollectionFixture<PartnersFixture>
{
    public const string Name = "Partners (seeded demo directory)";
}
