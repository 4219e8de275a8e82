using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Partners.Domain;

namespace GccSaaS.UnitTests.Web;

/// <summary>
/// Issue 13, R-PC-10: the one refusal mapping. The portal keeps its statuses (a rule that says no is 422 there); on
/// /v1 the same refusal answers its code's status in the table, 400 or 409, never 422; other statuses stay.
/// </summary>
public sealed class ApiErrorStatusTests
{
    // The API's conventions and the tables of the modules whose codes these tests name (each module owns its own, issue 12).
    private static readonly ApiErrorCatalog Codes = new(
        [.. ApiErrorCodes.Conventions, .. ApiErrorCodes.Of(typeof(CustomerErrorCodes)), .. ApiErrorCodes.Of(typeof(OrderingErrorCodes)), .. ApiErrorCodes.Of(typeof(PartnersErrorCodes))]);

    [Theory]
    [InlineData("reseller_partnership_not_active", 400)]
    [InlineData("agreement_already_exists", 409)]
    [InlineData("cart_not_active", 409)]
    [InlineData("a_code_nobody_listed", 400)]
    public void A_business_refusal_answers_its_codes_status_on_v1_and_422_in_the_portal(string code, int onV1)
    {
        var refusal = new DomainRuleException(code, "No.");

        Assert.Equal(422, Refusals.StatusOf(refusal));
        Assert.Equal(onV1, Refusals.ApiStatusOf(Codes.Find(code), Refusals.StatusOf(refusal) ?? 0));
    }

    [Theory]
    [InlineData(DomainErrorKind.NotFound, 404)]
    [InlineData(DomainErrorKind.Forbidden, 403)]
    [InlineData(DomainErrorKind.Conflict, 409)]
    public void Other_kinds_keep_their_status_on_v1(DomainErrorKind kind, int status)
    {
        Assert.Equal(status, Refusals.ApiStatusOf(Codes.Find("unknown_partner_id"), Refusals.StatusOf(kind)));
    }

    [Fact]
    public void Names_become_partner_centers_numbers_and_a_stable_type()
    {
        Assert.Equal(600061, Codes.NumberOf("agreement_already_exists"));
        Assert.Equal(3000, Codes.NumberOf("unknown_partner_id"));
        Assert.Equal(ApiErrorCodes.UnlistedNumber, Codes.NumberOf("a_code_nobody_listed"));
        Assert.Equal("urn:gccsaas:error:agreement_already_exists", ApiErrorCodes.TypeOf("agreement_already_exists"));
    }
}
