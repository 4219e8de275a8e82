using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.UnitTests.Validation;

public sealed class ValidationSubmissionRulesTests
{
    private const string Support = ValidationSupport.DefaultContact;

    private static readonly Guid Commercial = Guid.Parse("2a3e5f10-0c1d-4b8e-9f21-6a7b8c9d0e01");
    private static readonly Guid AzureGcc = Guid.Parse("7b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d");

    private static PartnerOrganisationDto Organisation(
        PartnerType type = PartnerType.IndirectProvider,
        bool cspEnrolled = true,
        params string[] qualifications)
        => new(
            Guid.NewGuid(), "Contoso Distribution", "4811230", type, cspEnrolled, PartnerAgreementSigned: true,
            "US", "US", Commercial, AzureGcc, qualifications, OfficiallyListed: true);

    private static PartnerOrganisationDto Qualified(PartnerType type = PartnerType.IndirectProvider)
        => Organisation(type, true, PartnerQualifications.GovernmentCommunityCloud);

    private static string PartnerRefusal(PartnerOrganisationDto? organisation, Guid tenantId, bool open = false)
        => Assert.Throws<DomainRuleException>(
            () => ValidationSubmissionRules.EnsurePartnerMaySubmit(organisation, tenantId, open, Support)).Code;

    [Theory]
    [InlineData(PartnerType.IndirectProvider)]
    [InlineData(PartnerType.DirectReseller)]
    internal void R_VAL_1_a_direct_bill_partner_submits_with_its_commercial_tenant_id(PartnerType type)
    {
        ValidationSubmissionRules.EnsurePartnerMaySubmit(Organisation(type), Commercial, hasOpenPartnerCase: false, Support);
    }

    [Fact]
    internal void R_PAR_2_a_partner_not_enrolled_in_CSP_is_refused()
        => Assert.Equal("partner_not_csp_enrolled", PartnerRefusal(Organisation(cspEnrolled: false), Commercial));

    [Fact]
    internal void R_VAL_1_an_indirect_reseller_is_pointed_to_its_provider()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => ValidationSubmissionRules.EnsurePartnerMaySubmit(
            Organisation(PartnerType.IndirectReseller), Commercial, false, Support));
        Assert.Equal("indirect_reseller_validates_through_provider", refusal.Code);
        Assert.Contains("indirect provider", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    internal void R_VAL_2_a_request_with_the_Azure_GCC_tenant_id_is_refused()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => ValidationSubmissionRules.EnsurePartnerMaySubmit(
            Organisation(), AzureGcc, false, Support));
        Assert.Equal("azure_gcc_tenant_id_not_allowed", refusal.Code);
        Assert.Contains("Azure GCC tenant ID", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(Support, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    internal void R_VAL_2_any_tenant_id_other_than_the_commercial_one_is_refused()
        => Assert.Equal("tenant_id_not_commercial", PartnerRefusal(Organisation(), Guid.NewGuid()));

    [Fact]
    internal void A_partner_already_qualified_is_refused()
        => Assert.Equal("partner_already_qualified", PartnerRefusal(Qualified(), Commercial));

    [Fact]
    internal void A_partner_with_an_open_case_is_refused()
        => Assert.Equal("validation_case_already_open", PartnerRefusal(Organisation(), Commercial, open: true));

    [Fact]
    internal void A_tenant_without_a_directory_organisation_is_refused()
        => Assert.Equal("partner_organisation_unknown", PartnerRefusal(null, Commercial));

    [Theory]
    [InlineData(PartnerType.IndirectProvider)]
    [InlineData(PartnerType.DirectReseller)]
    internal void R_VAL_6_the_customer_request_carries_the_transacting_partners_commercial_tenant_id(PartnerType type)
    {
        Assert.Equal(Commercial, ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(Qualified(type), null, Support));
        Assert.Equal(Commercial, ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(Qualified(type), Commercial, Support));
    }

    [Fact]
    internal void R_VAL_6_an_indirect_resellers_request_in_its_providers_workspace_carries_the_providers_tenant_id_and_not_its_own()
    {
        // The reseller user acts in the provider's workspace: the transacting partner is the provider.
        var resellerOwnTenant = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");
        Assert.Equal(Commercial, ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(Qualified(), null, Support));
        var refusal = Assert.Throws<DomainRuleException>(
            () => ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(Qualified(), resellerOwnTenant, Support));
        Assert.Equal("tenant_id_not_commercial", refusal.Code);
    }

    [Fact]
    internal void R_VAL_6_an_indirect_reseller_is_never_the_transacting_partner()
    {
        var refusal = Assert.Throws<DomainRuleException>(
            () => ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(Qualified(PartnerType.IndirectReseller), null, Support));
        Assert.Equal("indirect_reseller_validates_through_provider", refusal.Code);
    }

    [Fact]
    internal void R_VAL_2_a_customer_request_with_the_Azure_GCC_tenant_id_is_refused()
    {
        var refusal = Assert.Throws<DomainRuleException>(
            () => ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(Qualified(), AzureGcc, Support));
        Assert.Equal("azure_gcc_tenant_id_not_allowed", refusal.Code);
    }

    [Fact]
    internal void R_VAL_5_a_transacting_partner_without_the_GCC_qualification_is_refused()
    {
        var refusal = Assert.Throws<DomainRuleException>(
            () => ValidationSubmissionRules.EnsureCustomerSubmissionTenantId(Organisation(), null, Support));
        Assert.Equal("partner_not_gcc_qualified", refusal.Code);
    }

    [Fact]
    internal void R_PC_2_a_partner_approval_issues_one_code_with_five_creations()
    {
        var caseId = Guid.NewGuid();
        Assert.Equal(5, ValidationCodePolicy.MaxCreatesPerCode);
        Assert.Equal(ValidationCodePolicy.CodeFor(caseId), ValidationCodePolicy.CodeFor(caseId));
        Assert.StartsWith("GCC-", ValidationCodePolicy.CodeFor(caseId), StringComparison.Ordinal);
    }
}
