using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// One host on its own database with the demo seed: contoso-distribution (Contoso Distribution, US) with Adatum
/// Reseller as its active indirect reseller, Proseware (5123450) and Alpine Ski (5123460) onboarded but not
/// partnered, and the PartnerID refusal cases of the directory (Northwind unsigned, Litware in the EU, Tailspin
/// a direct reseller). Time is a <see cref="ManualClock"/> the tests only move forward.
/// </summary>
public sealed class RelationshipsFixture() : SeededPlatformFixture(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero))
{
    public const string Contoso = "contoso-distribution";
    public const string Fabrikam = "fabrikam-cloud";

    public static readonly Guid AdatumId = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
    public static readonly Guid ProsewareId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123450a0008");
    public static readonly Guid AlpineId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123460a0009");

    /// <summary>The demo resellers' commercial tenant IDs: their ids on /v1, as in Partner Center.</summary>
    public static readonly Guid AdatumTenantId = Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03");
    public static readonly Guid ProsewareTenantId = Guid.Parse("91a5c687-7384-42f5-a098-3b4c5d6e7f08");
    public static readonly Guid AlpineTenantId = Guid.Parse("a2b6d798-8495-4306-b1a9-4c5d6e7f8009");

    /// <summary>Sends a request through the product's mediator in the tenant's scope (as a job or another module would).</summary>
    public async Task<T> SendAsync<T>(TenantInfo tenant, IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>();
        using (accessor.BeginScope(tenant))
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RelationshipsCollection : ICollectionFixture<RelationshipsFixture>
{
    public const string Name = "Relationships (seeded demo platform, manual clock)";
}
