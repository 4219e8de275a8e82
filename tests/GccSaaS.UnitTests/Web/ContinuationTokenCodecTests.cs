using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace GccSaaS.UnitTests.Web;

/// <summary>Continuation tokens carry keyset values opaquely, and only back to the list they came from.</summary>
public sealed class ContinuationTokenCodecTests
{
    private const string Scope = "tenant-a|/v1/customers|";

    private readonly ContinuationTokenCodec _codec = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_token_decodes_to_the_keyset_values_it_was_made_from()
    {
        var key = new Cursor(new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero), Guid.NewGuid(), "Contoso, Ltd.");

        var token = _codec.Encode(Scope, key);

        Assert.True(_codec.TryDecode<Cursor>(Scope, token, out var decoded));
        Assert.Equal(key, decoded);
    }

    [Fact]
    public void A_token_is_opaque_and_safe_in_urls_and_headers()
    {
        var token = _codec.Encode(Scope, new Cursor(DateTimeOffset.UnixEpoch, Guid.Empty, "Contoso"));

        Assert.DoesNotContain("Contoso", token, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void A_token_with_any_byte_changed_is_refused()
    {
        var bytes = WebEncoders.Base64UrlDecode(_codec.Encode(Scope, new Cursor(DateTimeOffset.UnixEpoch, Guid.NewGuid(), "x")));

        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.False(_codec.TryDecode<Cursor>(Scope, WebEncoders.Base64UrlEncode(changed), out _), $"a change of byte {i} was accepted");
        }
    }

    [Theory]
    [InlineData("tenant-b|/v1/customers|")]
    [InlineData("tenant-a|/v1/orders|")]
    [InlineData("tenant-a|/v1/customers|filter=x")]
    public void A_token_is_refused_for_another_tenant_list_or_filter(string otherScope)
    {
        var token = _codec.Encode(Scope, new Cursor(DateTimeOffset.UnixEpoch, Guid.NewGuid(), "x"));

        Assert.False(_codec.TryDecode<Cursor>(otherScope, token, out _));
    }

    [Fact]
    public void A_token_made_with_another_key_ring_is_refused()
    {
        var token = new ContinuationTokenCodec(new EphemeralDataProtectionProvider()).Encode(Scope, new Cursor(DateTimeOffset.UnixEpoch, Guid.NewGuid(), "x"));

        Assert.False(_codec.TryDecode<Cursor>(Scope, token, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void Garbage_is_refused_without_throwing(string? token)
    {
        Assert.False(_codec.TryDecode<Cursor>(Scope, token, out _));
    }

    [Fact]
    public void An_overlong_token_is_refused_before_it_is_decoded()
    {
        Assert.False(_codec.TryDecode<Cursor>(Scope, new string('A', ContinuationTokenCodec.MaxTokenLength + 1), out _));
    }

    [Fact]
    public void A_token_for_another_key_shape_is_refused()
    {
        var token = _codec.Encode(Scope, new[] { 1, 2, 3 });

        Assert.False(_codec.TryDecode<Cursor>(Scope, token, out _));
    }

    public sealed record Cursor(DateTimeOffset At, Guid Id, string Name);
}
