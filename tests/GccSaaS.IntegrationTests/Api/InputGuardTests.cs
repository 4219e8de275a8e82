using System.Net.Http.Headers;
using System.Text;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Api.Harness;
using Npgsql;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>
/// Issue 10: every malformed request to a <c>/v1</c> write answers a 4xx problem with a stable code (never a 500,
/// never a silent acceptance), before any handler runs, and writes nothing. The harness's widget endpoint
/// stands for every JSON write: it would insert a row if any of these reached it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class InputGuardTests(ApiFixture fixture)
{
    public static TheoryData<string, byte[], string?, int, string, string?> HostileBodies => new()
    {
        { "broken JSON", Utf8("{\"name\": "), "application/json", 400, "invalid_json", null },
        { "trailing garbage", Utf8("{\"name\":\"a\"} x"), "application/json", 400, "invalid_json", null },
        { "empty body", [], "application/json", 400, "invalid_json", null },
        { "null", Utf8("null"), "application/json", 400, "invalid_json", null },
        { "array for an object", Utf8("[]"), "application/json", 400, "invalid_json", null },
        { "number for a string", Utf8("{\"name\": 5}"), "application/json", 400, "invalid_field", "name" },
        { "object for a bool", Utf8("{\"name\":\"a\",\"hold\":{}}"), "application/json", 400, "invalid_field", "hold" },
        { "duplicate key", Utf8("{\"name\":\"a\",\"name\":\"b\"}"), "application/json", 400, "invalid_json", "name" },
        { "duplicate key in another case", Utf8("{\"name\":\"a\",\"Name\":\"b\"}"), "application/json", 400, "invalid_json", "Name" },
        { "NUL in a string", Utf8("{\"name\":\"a\\u0000b\"}"), "application/json", 400, "invalid_field", "name" },
        { "raw control character", Utf8("{\"name\":\"a\u0001b\"}"), "application/json", 400, "invalid_json", null },
        { "escaped bell", Utf8("{\"name\":\"a\\u0007b\"}"), "application/json", 400, "invalid_field", "name" },
        { "lone surrogate", Utf8("{\"name\":\"\\ud800\"}"), "application/json", 400, "invalid_field", "name" },
        { "invalid UTF-8 in a value", [.. Utf8("{\"name\":\"a"), 0xFF, .. Utf8("\"}")], "application/json", 400, "invalid_json", null },
        { "invalid UTF-8 in a property name", [.. Utf8("{\"na"), 0xC3, 0x28, .. Utf8("me\":\"a\",\"name\":\"b\"}")], "application/json", 400, "invalid_json", null },
        { "text over the limit", Utf8("{\"name\":\"" + new string('x', 4001) + "\"}"), "application/json", 400, "field_too_long", "name" },
        { "array over the limit", Utf8("{\"name\":\"a\",\"tags\":[" + string.Join(",", Enumerable.Repeat("1", 1001)) + "]}"), "application/json", 400, "too_many_items", "tags[1000]" },
        { "nested array over the limit", Utf8("{\"name\":\"a\",\"x\":[[" + string.Join(",", Enumerable.Repeat("{}", 1001)) + "]]}"), "application/json", 400, "too_many_items", "x[0][1000]" },
        { "text/plain", Utf8("{\"name\":\"a\"}"), "text/plain", 415, "unsupported_media_type", null },
        { "XML", Utf8("<name>a</name>"), "application/xml", 415, "unsupported_media_type", null },
        { "no content type", Utf8("{\"name\":\"a\"}"), null, 415, "unsupported_media_type", null },
        { "UTF-16", Encoding.Unicode.GetBytes("{\"name\":\"a\"}"), "application/json; charset=utf-16", 415, "unsupported_media_type", null },
        { "multipart", Utf8("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na\r\n--b--\r\n"), "multipart/form-data; boundary=b", 415, "unsupported_media_type", null },
        { "over 64 KB", Utf8("{\"name\":\"a\",\"pad\":\"" + new string('x', 70 * 1024) + "\"}"), "application/json", 413, "payload_too_large", null },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task A_malformed_body_is_refused_whole_with_a_stable_code_and_writes_nothing(
        string label, byte[] body, string? contentType, int status, string code, string? field)
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.PostAsync(ApiHarness.Widgets, content);

        var problem = await response.AssertProblemAsync(status, code);
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("data")[0].GetProperty("field").GetString());
        }

        Assert.False(problem.ToString().Contains("GccSaaS.", StringComparison.Ordinal), $"{label}: the answer names a type");
        Assert.Equal(0, await WidgetsOfAsync(tenant));
    }

    [Fact]
    public async Task A_gzip_content_encoding_on_a_body_that_is_not_gzip_answers_415()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        using var content = new StringContent("{\"name\":\"a\"}", Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync(ApiHarness.Widgets, content);

        await response.AssertProblemAsync(415, "unsupported_content_encoding");
        Assert.Equal(0, await WidgetsOfAsync(tenant));
    }

    [Fact]
    public async Task A_31_MB_body_answers_413_without_being_read_whole()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        using var content = new StreamContent(new RepeatingStream(31L * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(ApiHarness.Widgets, content);

        await response.AssertProblemAsync(413, "payload_too_large");
        Assert.Equal(0, await WidgetsOfAsync(tenant));
    }

    [Theory]
    [InlineData("?size=abc", "size", "invalid_input")]
    [InlineData("?size=%00", "size", "invalid_field")]
    [InlineData("?seekOperation=%EF%BF%BD", "seekOperation", "invalid_field")]
    [InlineData("?seekOperation=%FF%FE", "seekOperation", "invalid_input")] // not UTF-8: stays the literal text "%FF%FE"
    public async Task A_malformed_query_value_answers_400_naming_the_parameter(string query, string field, string code)
    {
        using var client = fixture.ClientFor(await fixture.CreateTenantAsync());

        using var response = await client.GetAsync(ApiHarness.Widgets + query);

        var problem = await response.AssertProblemAsync(400, code);
        Assert.Contains(field, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_body_still_reaches_the_endpoint_once()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.SendAsync(ApiCalls.CreateWidget("Grüße, 東京 \t ok"));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal(1, await fixture.CountWidgetsAsync(tenant, "Grüße, 東京 \t ok"));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<long> WidgetsOfAsync(TenantInfo tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM harness.widgets WHERE tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", tenant.Id);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>A body of <c>{"name":"xxxx…</c> of the given length, made as it is read (a client streaming a huge upload).</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _position + i < 9 ? (byte)"{\"name\":\""[(int)(_position + i)] : (byte)'x';
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
