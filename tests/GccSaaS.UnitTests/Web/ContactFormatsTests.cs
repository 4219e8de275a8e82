using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.UnitTests.Web;

/// <summary>Issue 16: "abc" is no phone number and sixteen letters are no postal code, in every form that takes one.</summary>
public sealed class ContactFormatsTests
{
    [Theory]
    [InlineData("+1 425 555 0100")]
    [InlineData("(425) 555-0100")]
    [InlineData("425.555.0100")]
    [InlineData("+49 30 1234567")]
    [InlineData("425-555-0100 x123")]
    [InlineData("425 555 0100 ext. 7")]
    public void Phone_numbers_as_people_write_them_are_phone_numbers(string phone) =>
        Assert.True(ContactFormats.IsPhoneNumber(phone), phone);

    [Theory]
    [InlineData("abc")]
    [InlineData("555")]
    [InlineData("12345678901234567890")]
    [InlineData("425 555 0100; DROP")]
    [InlineData("1+425 555 0100")]
    [InlineData("425 555 0100 ext abc")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? phone) =>
        Assert.False(ContactFormats.IsPhoneNumber(phone), phone);

    [Theory]
    [InlineData("97403", "US")]
    [InlineData("97403-1234", "us")]
    [InlineData("SW1A 1AA", "GB")]
    [InlineData("10115", "DE")]
    [InlineData("K1A 0B1", "CA")]
    [InlineData("1010", "AT")]
    public void Postal_codes_of_the_country_are_postal_codes(string code, string country) =>
        Assert.True(ContactFormats.IsPostalCode(code, country), code);

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOP", "US")]
    [InlineData("ABCDEFGHIJKLMNOP", "GB")]
    [InlineData("9740", "US")]
    [InlineData("SW1A 1AA", "US")]
    [InlineData("ABC", "GB")]
    [InlineData("12  34", "DE")]
    [InlineData("-1234", "DE")]
    [InlineData("1234567890123", "DE")]
    public void Others_are_not(string code, string country) =>
        Assert.False(ContactFormats.IsPostalCode(code, country), code);
}
