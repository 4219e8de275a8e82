using System.Text;
using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.UnitTests.Web;

/// <summary>Issue 10: what text and JSON bodies the product accepts before any handler sees them.</summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("Contoso Distribution")]
    [InlineData("Grüße aus Köln, ¿qué tal? Ça va.")]
    [InlineData("line one\r\nline two\tindented")]
    [InlineData("東京 🚀")]
    [InlineData("")]
    public void Ordinary_text_in_any_language_is_accepted(string text) =>
        Assert.Equal(TextProblem.None, TextInput.Check(text));

    [Theory]
    [InlineData("a\0b", TextProblem.ControlCharacter)]
    [InlineData("bell\u0007", TextProblem.ControlCharacter)]
    [InlineData("del\u007F", TextProblem.ControlCharacter)]
    [InlineData("c1\u0085", TextProblem.ControlCharacter)]
    [InlineData("broken \uFFFD", TextProblem.InvalidEncoding)]
    [InlineData("half \uD800 a character", TextProblem.InvalidEncoding)]
    [InlineData("noncharacter \uFFFE", TextProblem.InvalidEncoding)]
    public void Control_characters_and_broken_encodings_are_refused(string text, TextProblem expected) =>
        Assert.Equal(expected, TextInput.Check(text));

    [Fact]
    public void Text_longer_than_the_limit_is_refused_as_too_long()
    {
        Assert.Equal(TextProblem.None, TextInput.Check(new string('x', InputLimits.MaxTextLength)));
        Assert.Equal(TextProblem.TooLong, TextInput.Check(new string('x', InputLimits.MaxTextLength + 1)));
        Assert.Equal("field_too_long", TextInput.Code(TextProblem.TooLong));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"a\":{\"b\":[1,2,{\"c\":\"d\"}]},\"e\":null,\"f\":true}")]
    public void Well_formed_json_passes(string json) =>
        Assert.Null(JsonBodyValidator.Validate(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{", "invalid_json", null)]
    [InlineData("{\"a\":1,}", "invalid_json", null)]
    [InlineData("{\"a\":1} {}", "invalid_json", null)]
    [InlineData("{/*c*/}", "invalid_json", null)]
    [InlineData("[{\"a\":1},{\"a\":2}]", "invalid_json", null)]
    [InlineData("\"just a string\"", "invalid_json", null)]
    [InlineData("null", "invalid_json", null)]
    [InlineData("{\"a\":1,\"a\":2}", "invalid_json", "a")]
    [InlineData("{\"a\":1,\"A\":2}", "invalid_json", "A")]
    [InlineData("{\"x\":{\"a\":1,\"a\":2}}", "invalid_json", "x.a")]
    [InlineData("{\"x\":[{\"a\":1},{\"b\":\"\\u0000\"}]}", "invalid_field", "x[1].b")]
    [InlineData("{\"x\":\"\\ud800\"}", "invalid_field", "x")]
    [InlineData("{\"x\\u0000\":1}", "invalid_field", null)]
    public void Malformed_json_names_its_code_and_field(string json, string code, string? field)
    {
        var failure = JsonBodyValidator.Validate(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(failure);
        Assert.Equal(code, failure.Code);
        Assert.Equal(field, failure.Field);
    }

    [Fact]
    public void Invalid_utf8_is_refused_even_inside_a_property_name()
    {
        byte[] body = [.. "{\"na"u8, 0xFF, .. "me\":1}"u8];

        Assert.Equal("invalid_json", JsonBodyValidator.Validate(body)?.Code);
    }

    [Fact]
    public void A_string_over_the_text_limit_is_too_long()
    {
        var failure = JsonBodyValidator.Validate(Encoding.UTF8.GetBytes("{\"note\":\"" + new string('x', InputLimits.MaxTextLength + 1) + "\"}"));

        Assert.Equal("field_too_long", failure?.Code);
        Assert.Equal("note", failure?.Field);
    }

    [Fact]
    public void Nesting_deeper_than_any_resource_is_refused()
    {
        var json = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}";

        Assert.Equal("invalid_json", JsonBodyValidator.Validate(Encoding.UTF8.GetBytes(json))?.Code);
    }
}
