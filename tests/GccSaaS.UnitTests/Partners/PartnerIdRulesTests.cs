using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Domain;

namespace GccSaaS.UnitTests.Partners;

public sealed class PartnerIdRulesTests
{
    private static readonly PartnerOrganisation Provider = Org(PartnerType.IndirectProvider, region: "US");

    [Fact]
    public void R_PAR_4_an_onboarded_indirect_reseller_with_the_agreement_in_the_providers_region_is_usable()
    {
        var reseller = Org(PartnerType.IndirectReseller);

        var result = PartnerIdRules.Verify("5123400", reseller, Provider);

        Assert.True(result.IsUsable);
        Assert.Equal("Adatum", result.LegalName);
    }

    [Fact]
    public void R_PC_7_refusals_are_checked_in_order_each_with_its_own_code()
    {
        Assert.Equal("unknown_partner_id", PartnerIdRules.Verify("1", null, Provider).Code);
        Assert.Equal("not_indirect_reseller", PartnerIdRules.Verify("1", Org(PartnerType.DirectReseller, signed: false, region: "EU"), Provider).Code);
        Assert.Equal("partner_agreement_not_signed", PartnerIdRules.Verify("1", Org(PartnerType.IndirectReseller, signed: false, region: "EU"), Provider).Code);
        Assert.Equal("region_mismatch", PartnerIdRules.Verify("1", Org(PartnerType.IndirectReseller, region: "EU"), Provider).Code);
    }

    [Fact]
    public void R_VAL_4_a_qualification_is_added_once()
    {
        var org = Org(PartnerType.IndirectProvider);

        Assert.True(org.AddQualification(PartnerQualifications.GovernmentCommunityCloud, DateTimeOffset.UnixEpoch));
        Assert.False(org.AddQualification(PartnerQualifications.GovernmentCommunityCloud, DateTimeOffset.UnixEpoch));
        Assert.Single(org.Qualifications);
    }

    [Fact]
    public void R_PAR_5_only_providers_have_a_listing_status()
    {
        Assert.Equal("Listed", Org(PartnerType.IndirectProvider, listed: true).ListingStatus);
        Assert.Equal("NotListed", Org(PartnerType.IndirectProvider).ListingStatus);
        Assert.Equal("NotApplicable", Org(PartnerType.DirectReseller).ListingStatus);
    }

    private static PartnerOrganisation Org(PartnerType type, bool signed = true, string region = "US", bool listed = false) => new()
    {
        Id = Guid.NewGuid(),
        LegalName = "Adatum",
        PartnerId = "5123400",
        Type = type,
        CspEnrolled = true,
        PartnerAgreementSigned = signed,
        CountryCode = "US",
        CspRegion = region,
        OfficiallyListed = listed,
    };
}
