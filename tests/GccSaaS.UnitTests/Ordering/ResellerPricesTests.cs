using GccSaaS.Modules.Ordering.Domain;

namespace GccSaaS.UnitTests.Ordering;

/// <summary>Reseller prices (issue 14): the list price with the markup in force, rounded to the cent.</summary>
public sealed class ResellerPricesTests
{
    [Theory]
    [InlineData(23.00, 0, 23.00)]
    [InlineData(23.00, 10, 25.30)]
    [InlineData(23.00, 15.5, 26.57)] // 26.565 rounds away from zero
    [InlineData(127.20, 10, 139.92)]
    [InlineData(10.60, 100, 21.20)]
    public void Reseller_prices_a_resellers_price_is_the_list_price_times_one_plus_its_markup(double list, double markup, double expected) =>
        Assert.Equal((decimal)expected, ResellerPrices.Of((decimal)list, (decimal)markup));

    [Theory]
    [InlineData(0, true)]
    [InlineData(12.5, true)]
    [InlineData(99.99, true)]
    [InlineData(100, true)]
    [InlineData(-0.01, false)]
    [InlineData(100.01, false)]
    [InlineData(1.234, false)]
    public void Reseller_prices_a_markup_is_a_percentage_from_0_to_100_with_at_most_two_decimals(double percent, bool valid) =>
        Assert.Equal(valid, ResellerPrices.IsValidMarkup((decimal)percent));

    [Fact]
    public void Reseller_prices_a_resellers_own_markup_takes_the_place_of_the_default_and_without_either_there_is_none()
    {
        Assert.Equal(12m, ResellerPrices.InForce(12m, 5m));
        Assert.Equal(0m, ResellerPrices.InForce(0m, 5m));
        Assert.Equal(5m, ResellerPrices.InForce(null, 5m));
        Assert.Equal(0m, ResellerPrices.InForce(null, null));
    }
}
