using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;

namespace GccSaaS.Modules.Partners.Features.DemoSeed;

/// <summary>The demo directory: one organisation per case the portal and the tests show (R-PAR-2, R-PC-7).</summary>
internal static class DemoPartnerDirectory
{
    public static readonly Guid ContosoId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-4811230a0001");
    public static readonly Guid FabrikamId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-4811240a0002");
    public static readonly Guid AdatumId = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
    public static readonly Guid TailspinId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123410a0004");
    public static readonly Guid NorthwindId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123420a0005");
    public static readonly Guid LitwareId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123430a0006");
    public static readonly Guid WoodgroveId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123440a0007");
    public static readonly Guid ProsewareId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123450a0008");
    public static readonly Guid AlpineId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123460a0009");

    public static readonly Guid ContosoCommercialTenantId = Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01");
    public static readonly Guid ContosoAzureGccTenantId = Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e99");

    /// <summary>Which demo tenant is which organisation.</summary>
    public static readonly IReadOnlyDictionary<string, Guid> TenantLinks = new Dictionary<string, Guid>
    {
        ["contoso-distribution"] = ContosoId,
        ["fabrikam-cloud"] = FabrikamId,
    };

    public static IReadOnlyList<PartnerOrganisation> Organisations() =>
    [
        Org(ContosoId, "Contoso Distribution", "4811230", PartnerType.IndirectProvider, "US", "US", ContosoCommercialTenantId, ContosoAzureGccTenantId, listed: true),
        Org(FabrikamId, "Fabrikam Cloud", "4811240", PartnerType.IndirectProvider, "US", "US", Guid.Parse("3b4f6021-1d2e-4c9f-8a32-7b8c9d0e1f02"), null, listed: false),
        Org(AdatumId, "Adatum Reseller", "5123400", PartnerType.IndirectReseller, "US", "US", Guid.Parse("4c507132-2e3f-4da0-9b43-8c9d0e1f2a03"), null),
        Org(TailspinId, "Tailspin Direct", "5123410", PartnerType.DirectReseller, "US", "US", Guid.Parse("5d618243-3f40-4eb1-8c54-9d0e1f2a3b04"), null),
        Org(NorthwindId, "Northwind Unsigned", "5123420", PartnerType.IndirectReseller, "US", "US", Guid.Parse("6e729354-4051-4fc2-9d65-0e1f2a3b4c05"), null, agreementSigned: false),
        Org(LitwareId, "Litware EU", "5123430", PartnerType.IndirectReseller, "DE", "EU", Guid.Parse("7f83a465-5162-40d3-8e76-1f2a3b4c5d06"), null),
        Org(WoodgroveId, "Woodgrove Not Enrolled", "5123440", PartnerType.DirectReseller, "US", "US", Guid.Parse("8094b576-6273-41e4-9f87-2a3b4c5d6e07"), null, cspEnrolled: false),
        Org(ProsewareId, "Proseware Reseller", "5123450", PartnerType.IndirectReseller, "US", "US", Guid.Parse("91a5c687-7384-42f5-a098-3b4c5d6e7f08"), null),
        Org(AlpineId, "Alpine Ski Reseller", "5123460", PartnerType.IndirectReseller, "US", "US", Guid.Parse("a2b6d798-8495-4306-b1a9-4c5d6e7f8009"), null),
    ];

    private static PartnerOrganisation Org(
        Guid id, string name, string partnerId, PartnerType type, string country, string region, Guid commercial, Guid? azureGcc,
        bool listed = false, bool agreementSigned = true, bool cspEnrolled = true) => new()
        {
            Id = id,
            LegalName = name,
            PartnerId = partnerId,
            Type = type,
            CspEnrolled = cspEnrolled,
            PartnerAgreementSigned = agreementSigned,
            CountryCode = country,
            CspRegion = region,
            CommercialTenantId = commercial,
            AzureGccTenantId = azureGcc,
            OfficiallyListed = listed,
        };
}

internal sealed class SeedDemoPartnerDirectoryCommandHandler(PartnersDbContext db, TimeProvider clock)
    : IRequestHandler<SeedDemoPartnerDirectoryCommand, int>
{
    public async Task<int> Handle(SeedDemoPartnerDirectoryCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var added = 0;
        var existing = await db.PartnerOrganisations.Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var organisation in DemoPartnerDirectory.Organisations().Where(o => !existing.Contains(o.Id)))
        {
            organisation.CreatedAt = now;
            organisation.UpdatedAt = now;
            db.PartnerOrganisations.Add(organisation);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var (identifier, organisationId) in DemoPartnerDirectory.TenantLinks)
        {
            if (!request.TenantIdsByIdentifier.TryGetValue(identifier, out var tenantId)
                || await db.PartnerOrganisations.AnyAsync(o => o.WorkspaceTenantId == tenantId, cancellationToken))
            {
                continue;
            }

            var organisation = await db.PartnerOrganisations.SingleAsync(o => o.Id == organisationId, cancellationToken);
            if (organisation.WorkspaceTenantId is null)
            {
                organisation.WorkspaceTenantId = tenantId;
                organisation.UpdatedAt = now;
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
