using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.AddCustomer;

namespace GccSaaS.UnitTests.Customers;

public sealed class CustomerRulesTests
{
    [Theory]
    [InlineData("RelecloudGov.onmicrosoft.com", "relecloudgov.onmicrosoft.com")]
    [InlineData(" city-of-x.onmicrosoft.com ", "city-of-x.onmicrosoft.com")]
    [InlineData("a.onmicrosoft.com", "a.onmicrosoft.com")]
    public void R_PC_5_a_primary_domain_is_name_onmicrosoft_com_compared_in_lower_case(string input, string expected) =>
        Assert.Equal(expected, CustomerDomainName.Normalize(input));

    [Theory]
    [InlineData("springfield.gov")]
    [InlineData("-x.onmicrosoft.com")]
    [InlineData("x-.onmicrosoft.com")]
    [InlineData("a b.onmicrosoft.com")]
    [InlineData("abcdefghijklmnopqrstuvwxyz12.onmicrosoft.com")]
    [InlineData("sub.x.onmicrosoft.com")]
    [InlineData("")]
    public void R_PC_5_anything_else_is_not_a_primary_domain(string input) =>
        Assert.Null(CustomerDomainName.Normalize(input));

    [Fact]
    public void The_portal_field_completes_a_bare_name_with_the_suffix() =>
        Assert.Equal("springfield.onmicrosoft.com", CustomerDomainName.FromInput("Springfield"));

    [Fact]
    public void R_CUS_2_temporary_passwords_are_strong_and_never_repeat()
    {
        var passwords = Enumerable.Range(0, 500).Select(_ => TemporaryPassword.Generate()).ToList();

        Assert.All(passwords, p => Assert.True(TemporaryPassword.IsStrong(p), p));
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
        Assert.All(passwords, p => Assert.DoesNotContain(p, c => "0O1lI".Contains(c, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(VettingStatus.Denied, true)]
    [InlineData(VettingStatus.InReview, false)]
    [InlineData(VettingStatus.Approved, false)]
    public void R_PC_1_a_qualification_is_requested_only_when_absent_or_denied(string? status, bool allowed) =>
        Assert.Equal(allowed, QualificationRules.CanRequest(status));

    [Theory]
    [InlineData(null, true)]
    [InlineData(VettingStatus.InReview, true)]
    [InlineData(VettingStatus.Denied, true)]
    [InlineData(VettingStatus.Approved, false)]
    public void R_PC_1_an_approved_qualification_is_never_withdrawn_by_a_later_decision(string? status, bool decidable) =>
        Assert.Equal(decidable, QualificationRules.CanDecide(status));

    [Fact]
    public void R_PC_3_only_an_approved_GCC_qualification_makes_a_customer_GCC_only()
    {
        Assert.True(QualificationRules.IsGccOnly([("GovernmentCommunityCloud", VettingStatus.Approved)]));
        Assert.False(QualificationRules.IsGccOnly([("GovernmentCommunityCloud", VettingStatus.InReview)]));
        Assert.False(QualificationRules.IsGccOnly([("GovernmentCommunityCloud", VettingStatus.Denied)]));
        Assert.False(QualificationRules.IsGccOnly([]));
    }

    [Fact]
    public void R_CUS_1_the_add_customer_input_rules_name_each_broken_field()
    {
        var request = new AddCustomerRequest(
            new CompanyProfileRequest("bad"),
            new BillingProfileRequest("not-an-email", "xx-nowhere", "eng", "", new AddressRequest("", null, "", null, "", "USA", "", "", null)),
            null,
            "GovernmentCommunityCloud",
            null);

        var failures = AddCustomerRules.Input(request).ToList();

        Assert.Contains(failures, f => f.Code == "domain_invalid");
        Assert.Contains(failures, f => f.Field == "billingProfile.companyName" && f.Code == "required");
        Assert.Contains(failures, f => f.Field == "billingProfile.email" && f.Code == "invalid");
        Assert.Contains(failures, f => f.Field == "billingProfile.defaultAddress.country");
        Assert.Contains(failures, f => f.Field == "billingProfile.culture");
        Assert.Contains(failures, f => f.Field == "billingProfile.language");
        Assert.Contains(failures, f => f.Code == "validation_code_required");
    }
}
