using System.Text.Json;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>
/// Partner Center's customer filter (<c>GET /v1/customers?filter={"Field":…,"Value":…,"Operator":"starts_with"}</c>),
/// read whole or refused whole: a field, operator or key it does not know answers 400 and is never ignored, since a
/// client that acts on the first match of an ignored filter would act on the wrong customer. Fields: <c>CompanyName</c>
/// and <c>Domain</c> (the start of the name or domain, case-insensitive, index ranges) and <c>IndirectReseller</c> (the
/// reseller's tenant ID, whole, as Partner Center's example sends it).
/// </summary>
internal sealed record CustomerListFilter(string? CompanyNamePrefix, string? DomainPrefix, Guid? ResellerTenantId)
{
    public const string Parameter = "filter";
    public const string StartsWith = "starts_with";

    public static readonly CustomerListFilter None = new(null, null, null);

    public static CustomerListFilter Parse(string? json)
    {
        if (json is null)
        {
            return None;
        }

        string? field = null, value = null, op = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("invalid", "filter must be a JSON object: {\"Field\":\"CompanyName\",\"Value\":\"…\",\"Operator\":\"starts_with\"}.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var text = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : throw Invalid("invalid", $"filter.{property.Name} must be a string.");
                switch (property.Name.ToUpperInvariant())
                {
                    case "FIELD" when field is null: field = text; break;
                    case "VALUE" when value is null: value = text; break;
                    case "OPERATOR" when op is null: op = text; break;
                    default: throw Invalid("unknown_key", $"filter has no key {property.Name} (or has it twice); it takes Field, Value and Operator.");
                }
            }
        }
        catch (JsonException)
        {
            throw Invalid("invalid", "filter is not valid JSON.");
        }

        if (!string.Equals(op, StartsWith, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("unknown_operator", "filter.Operator supports only starts_with.");
        }

        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw Invalid("value_required", "filter.Value is required.");
        }

        return field?.ToUpperInvariant() switch
        {
            "COMPANYNAME" => new CustomerListFilter(trimmed.ToLowerInvariant(), null, null),
            "DOMAIN" => new CustomerListFilter(null, trimmed.ToLowerInvariant(), null),
            "INDIRECTRESELLER" => Guid.TryParse(trimmed, out var tenantId)
                ? new CustomerListFilter(null, null, tenantId)
                : throw Invalid("invalid_value", "filter.Value of IndirectReseller is the reseller's tenant ID (a GUID)."),
            _ => throw Invalid("unknown_field", "filter.Field must be CompanyName, Domain or IndirectReseller."),
        };
    }

    private static ApiProblemException Invalid(string code, string description) =>
        new(StatusCodes.Status400BadRequest, "invalid_input", description, new[] { new { field = Parameter, code } });
}
