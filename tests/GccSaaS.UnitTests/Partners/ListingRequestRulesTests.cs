using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Domain;

namespace GccSaaS.UnitTests.Partners;

public sealed class ListingRequestRulesTests
{
    [Theory]
    [InlineData(PartnerType.IndirectProvider, false, "List", null)]
    [InlineData(PartnerType.IndirectProvider, true, "List", PartnersErrorCodes.AlreadyListed)]
    [InlineData(PartnerType.IndirectProvider, true, "Unlist", null)]
    [InlineData(PartnerType.IndirectProvider, false, "Unlist", PartnersErrorCodes.NotListed)]
    [InlineData(PartnerType.IndirectProvider, true, "Correct", null)]
    [InlineData(PartnerType.IndirectProvider, false, "Correct", PartnersErrorCodes.NotListed)]
    [InlineData(PartnerType.DirectReseller, false, "List", PartnersErrorCodes.ListingRequestsForIndirectProvidersOnly)]
    [InlineData(PartnerType.IndirectReseller, false, "List", PartnersErrorCodes.ListingRequestsForIndirectProvidersOnly)]
    public void R_PAR_5_only_indirect_providers_ask_and_only_for_a_change_that_makes_sense(PartnerType type, bool listed, string kind, string? refusal)
    {
        Assert.Equal(refusal, ListingRequestRules.Refusal(type, listed, Enum.Parse<ListingChangeKind>(kind)));
    }

    [Theory]
    [InlineData("List", false, true)]
    [InlineData("Unlist", true, false)]
    [InlineData("Correct", true, true)]
    [InlineData("Correct", false, false)]
    public void R_PAR_5_an_approval_sets_the_flag_for_list_and_unlist_and_leaves_it_for_a_correction(string kind, bool listedBefore, bool listedAfter)
    {
        Assert.Equal(listedAfter, ListingRequestRules.ListedAfterApproval(Enum.Parse<ListingChangeKind>(kind), listedBefore));
    }
}
