using System.Reflection;
using GccSaaS.BuildingBlocks.Mediation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// One error of <c>/v1</c>: its stable snake_case <see cref="Name"/> (the problem's <c>type</c> is
/// <c>urn:gccsaas:error:{name}</c>), the <see cref="Number"/> a Partner Center client reads as <c>code</c>, and the
/// <see cref="Status"/> it answers with on <c>/v1</c> when a business rule refuses (Partner Center: 400, or 409 for a
/// conflict; never 422).
/// </summary>
public sealed record ApiErrorCode(string Name, int Number, int Status);

/// <summary>
/// Gives a module's code constant (its snake_case name) its <c>/v1</c> number and status: a module's
/// <c>…ErrorCodes</c> class is its table, generated from its CSV (<see cref="ErrorCodeTableAttribute"/>), each code
/// written once, and the module registers it (<c>ModuleParts.ErrorCodes</c>). See <see cref="ApiErrorCodes"/> for the numbering.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class ApiErrorAttribute(int number, int status) : Attribute
{
    public int Number { get; } = number;

    public int Status { get; } = status;
}

/// <summary>
/// Marks the partial class that a module's error-code table (a CSV file of the project, named here) fills with its
/// constants at compile time (issue 12): each row becomes a <c>const string</c> marked <see cref="ApiErrorAttribute"/>.
/// The table is data, written once; the generator (GccSaaS.BuildingBlocks.Generators) documents its format and stops
/// the build on a malformed row.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ErrorCodeTableAttribute(string file) : Attribute
{
    public string File { get; } = file;
}

/// <summary>
/// The <c>/v1</c> error codes (issue 13, R-PC-10): the API's own conventions here, every module's codes in its own
/// <c>…ErrorCodes</c> table (issue 12), all of them looked up through one <see cref="ApiErrorCatalog"/>. A name maps to
/// Partner Center's number where Partner Center has one for the same condition (600061, 3000, 800016, 900123, 2072,
/// 2201, 800098, 2055, 13605, 10001, 10012, 1000, 800002, 400, 900150), else to a number of the product's own range:
/// 1MMnnn, MM the module's block (00 the API's conventions, 10 Identity, 20 Partners, 30 Customers, 40 Relationships,
/// 50 Validation, 60 Ordering, 70 Notifications, 90 the field-level codes of <c>data</c>). Numbers never change and are
/// never reused; docs/api.md lists them all, and an architecture test proves every code the product throws has one.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>The problem <c>type</c> of a code: this prefix and the code's name.</summary>
    public const string TypePrefix = "urn:gccsaas:error:";

    /// <summary>The number of a name that is not in the table (only <c>http_{status}</c> fallbacks can be).</summary>
    public const int UnlistedNumber = 100000;

    private const int BadRequest = StatusCodes.Status400BadRequest;
    private const int Unauthorized = StatusCodes.Status401Unauthorized;
    private const int Forbidden = StatusCodes.Status403Forbidden;
    private const int NotFound = StatusCodes.Status404NotFound;
    private const int Conflict = StatusCodes.Status409Conflict;

    /// <summary>The API's own codes (BuildingBlocks/Web, host) and the field-level codes of <c>data</c>.</summary>
    public static readonly IReadOnlyList<ApiErrorCode> Conventions =
    [
        // ---- 100nnn: the API's conventions (BuildingBlocks/Web, host), and Partner Center's generic numbers
        new("invalid_input", 800002, BadRequest),
        new("invalid_json", 100001, BadRequest),
        new("invalid_field", 100002, BadRequest),
        new("field_too_long", 100003, BadRequest),
        new("required", 100004, BadRequest),
        new("invalid_continuation_token", 100005, BadRequest),
        new("unauthorized", 400, Unauthorized),
        new("forbidden", 900150, Forbidden),
        new("not_found", 1000, NotFound),
        new("method_not_allowed", 100006, StatusCodes.Status405MethodNotAllowed),
        new("not_acceptable", 100007, StatusCodes.Status406NotAcceptable),
        new("conflict", 100008, Conflict),
        new("precondition_failed", 100009, StatusCodes.Status412PreconditionFailed),
        new("payload_too_large", 100010, StatusCodes.Status413PayloadTooLarge),
        new("unsupported_media_type", 100011, StatusCodes.Status415UnsupportedMediaType),
        new("unsupported_content_encoding", 100012, StatusCodes.Status415UnsupportedMediaType),
        new("rate_limited", 100013, StatusCodes.Status429TooManyRequests),
        new("internal_error", 100014, StatusCodes.Status500InternalServerError),
        new("service_unavailable", 100015, StatusCodes.Status503ServiceUnavailable),
        new("request_id_reused", 100016, BadRequest),
        new("request_in_progress", 100017, Conflict),
        new("tenant_not_found", 100018, NotFound),
        new("too_many_items", 100019, BadRequest),

        // ---- 190nnn: field-level codes, found in a 400's data [{ field, code, message }]
        new("invalid", 190001, BadRequest),
        new("too_long", 190002, BadRequest),
        new("out_of_range", 190003, BadRequest),
        new("invalid_email", 190004, BadRequest),
        new("invalid_role", 190005, BadRequest),
        new("invalid_identifier", 190006, BadRequest),
        new("invalid_date", 190007, BadRequest),
        new("invalid_range", 190008, BadRequest),
        new("not_a_guid", 190009, BadRequest),
        new("unsupported", 190010, BadRequest),
        new("unknown_parameter", 190011, BadRequest),
        new("unknown_key", 190012, BadRequest),
        new("unknown_field", 190013, BadRequest),
        new("unknown_operator", 190014, BadRequest),
        new("value_required", 190015, BadRequest),
        new("invalid_value", 190016, BadRequest),
        new("eligibility_required", 190017, BadRequest),
        new("reseller_organisation_required", 190018, BadRequest),
        new("reseller_organisation_not_allowed", 190019, BadRequest),
    ];

    /// <summary>
    /// A module's table: every constant of <paramref name="table"/> marked <see cref="ApiErrorAttribute"/>, the
    /// constant's value being the code's name.
    /// </summary>
    public static IReadOnlyList<ApiErrorCode> Of(Type table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var codes = new List<ApiErrorCode>();
        foreach (var field in table.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        {
            if (field.IsLiteral && field.GetRawConstantValue() is string name && field.GetCustomAttribute<ApiErrorAttribute>() is { } error)
            {
                codes.Add(new ApiErrorCode(name, error.Number, error.Status));
            }
        }

        return codes;
    }

    /// <summary>The problem <c>type</c> of a name: <c>urn:gccsaas:error:{name}</c>.</summary>
    public static string TypeOf(string name) => TypePrefix + name;

    /// <summary>Adds a module's codes to the one catalog of the application (a module's part, see <c>ModuleParts</c>).</summary>
    public static IServiceCollection AddApiErrorCodes(this IServiceCollection services, IEnumerable<ApiErrorCode> codes)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetOrAddSingletonInstance(() => new ApiErrorCatalog(Conventions)).Add(codes);
        return services;
    }
}

/// <summary>
/// The one lookup of <c>/v1</c> error codes: the API's conventions and every registered module's table. Names and
/// numbers are unique across all of them (a second use of either stops the host at start-up).
/// </summary>
public sealed class ApiErrorCatalog
{
    private readonly Dictionary<string, ApiErrorCode> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ApiErrorCode> byNumber = [];
    private readonly List<ApiErrorCode> all = [];

    public ApiErrorCatalog(IEnumerable<ApiErrorCode> codes) => Add(codes);

    /// <summary>Every code, the conventions first, then each table in the order it was added.</summary>
    public IReadOnlyList<ApiErrorCode> All => all;

    /// <summary>The code of <paramref name="name"/>, or null when no table has it.</summary>
    public ApiErrorCode? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>The number a client reads as <c>code</c>.</summary>
    public int NumberOf(string name) => Find(name)?.Number ?? ApiErrorCodes.UnlistedNumber;

    internal void Add(IEnumerable<ApiErrorCode> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        foreach (var code in codes)
        {
            if (byName.TryGetValue(code.Name, out var known))
            {
                if (known == code)
                {
                    continue; // the same table added twice (a test host composing a module again)
                }

                throw new InvalidOperationException($"The error code {code.Name} is listed twice ({known.Number}, {code.Number}).");
            }

            if (!byNumber.TryAdd(code.Number, code))
            {
                throw new InvalidOperationException($"The error number {code.Number} is given to {byNumber[code.Number].Name} and {code.Name}.");
            }

            byName.Add(code.Name, code);
            all.Add(code);
        }
    }
}
