using System.Text.Json;
using GccSaaS.BuildingBlocks.Audit;

namespace GccSaaS.UnitTests.Audit;

/// <summary>Which command properties the audit log hides, and that the rest stays readable.</summary>
public sealed class AuditRedactionTests
{
    [Theory]
    [InlineData("Password")]
    [InlineData("newPassword")]
    [InlineData("PasswordConfirmation")]
    [InlineData("ClientSecret")]
    [InlineData("Token")]
    [InlineData("invitationToken")]
    [InlineData("RefreshToken")]
    [InlineData("ApiKey")]
    [InlineData("Key")]
    [InlineData("AuthenticatorKey")]
    [InlineData("Code")]
    [InlineData("TwoFactorCode")]
    [InlineData("VerificationCode")]
    [InlineData("RecoveryCodes")]
    [InlineData("one_time_code")]
    [InlineData("Otp")]
    public void A_secret_is_recognised_by_its_name(string name) => Assert.True(AuditRedaction.IsSecret(name));

    [Theory]
    [InlineData("KeyId")]
    [InlineData("ApiKeyId")]
    [InlineData("ApiKeyName")]
    [InlineData("KeyPrefix")]
    [InlineData("TokenExpiresAt")]
    [InlineData("ValidationCode")]
    [InlineData("CountryCode")]
    [InlineData("PostalCode")]
    [InlineData("Monkey")]
    [InlineData("Keyword")]
    [InlineData("Note")]
    [InlineData("CustomerId")]
    public void A_name_that_only_describes_a_secret_or_is_no_secret_stays_readable(string name) => Assert.False(AuditRedaction.IsSecret(name));

    [Fact]
    public void Secrets_are_redacted_at_any_depth_and_long_text_is_shortened()
    {
        var json = AuditRedaction.Describe(new
        {
            Note = "keep",
            Password = "p",
            Items = new[] { new { Token = "t", Label = "l" } },
            Nested = new { Inner = new { ApiKey = "k", KeyId = 7 } },
            Long = new string('x', AuditRedaction.MaxStringLength + 10),
            Missing = (string?)null,
        });

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("keep", root.GetProperty("note").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("password").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("items")[0].GetProperty("token").GetString());
        Assert.Equal("l", root.GetProperty("items")[0].GetProperty("label").GetString());
        Assert.Equal(AuditRedaction.Redacted, root.GetProperty("nested").GetProperty("inner").GetProperty("apiKey").GetString());
        Assert.Equal(7, root.GetProperty("nested").GetProperty("inner").GetProperty("keyId").GetInt32());
        Assert.Equal(AuditRedaction.MaxStringLength + 1, root.GetProperty("long").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("missing").ValueKind);
    }
}
