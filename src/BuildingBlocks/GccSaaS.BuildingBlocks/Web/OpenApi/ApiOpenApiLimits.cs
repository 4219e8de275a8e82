using System.Globalization;
using Microsoft.OpenApi;

namespace GccSaaS.BuildingBlocks.Web.OpenApi;

/// <summary>
/// Writes into every schema of <c>/openapi/v1.json</c> the limits the input gate already enforces on every <c>/v1</c>
/// request (<see cref="InputLimits"/>, <see cref="JsonBodyValidator"/>, the serializer's number types), from the same
/// constants, so the document cannot promise more than the checks allow: a text at most
/// <see cref="InputLimits.MaxTextLength"/> characters, an array at most <see cref="InputLimits.MaxArrayItems"/> items, an
/// integer within its format (a value outside answers 400 <c>invalid_field</c>). A schema that states a tighter limit
/// of its own (an enum, a <c>maxLength</c>, a range) keeps it. What the API answers was accepted through the same gate
/// or is made by the product within these limits (pages hold at most <see cref="ContinuationPage{TKey}.MaxSize"/> items).
/// </summary>
internal static class ApiOpenApiLimits
{
    /// <summary>Completes every schema reachable from <paramref name="document"/>: components, paths and webhooks.</summary>
    public static void Describe(OpenApiDocument document)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Describe(schema, seen);
        }

        foreach (var parameter in document.Components?.Parameters?.Values ?? [])
        {
            Describe(parameter.Schema, seen);
        }

        foreach (var header in document.Components?.Headers?.Values ?? [])
        {
            Describe(header.Schema, seen);
        }

        foreach (var response in document.Components?.Responses?.Values ?? [])
        {
            Describe(response, seen);
        }

        foreach (var body in document.Components?.RequestBodies?.Values ?? [])
        {
            Describe(body.Content, seen);
        }

        foreach (var item in (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).Concat(document.Webhooks?.Values ?? []))
        {
            foreach (var parameter in item.Parameters ?? [])
            {
                Describe(parameter.Schema, seen);
            }

            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                Describe(operation, seen);
            }
        }
    }

    /// <summary>Completes the schemas of one operation: parameters, request body, response headers and bodies.</summary>
    public static void Describe(OpenApiOperation operation, HashSet<OpenApiSchema>? seen = null)
    {
        seen ??= new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in operation.Parameters ?? [])
        {
            Describe(parameter.Schema, seen);
        }

        Describe(operation.RequestBody?.Content, seen);
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            Describe(response, seen);
        }
    }

    private static void Describe(IOpenApiResponse response, HashSet<OpenApiSchema> seen)
    {
        foreach (var header in response.Headers?.Values ?? [])
        {
            Describe(header.Schema, seen);
        }

        Describe(response.Content, seen);
    }

    private static void Describe(IDictionary<string, OpenApiMediaType>? content, HashSet<OpenApiSchema> seen)
    {
        foreach (var media in content?.Values ?? [])
        {
            Describe(media.Schema, seen);
        }
    }

    /// <summary>A reference is completed where it points (in components); an inline schema here, with everything in it.</summary>
    private static void Describe(IOpenApiSchema? candidate, HashSet<OpenApiSchema> seen)
    {
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        Limit(schema);
        foreach (var property in schema.Properties?.Values ?? [])
        {
            Describe(property, seen);
        }

        Describe(schema.Items, seen);
        Describe(schema.AdditionalProperties, seen);
        foreach (var part in (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
        {
            Describe(part, seen);
        }
    }

    private static void Limit(OpenApiSchema schema)
    {
        if (schema.Type is not { } type)
        {
            return;
        }

        if (type.HasFlag(JsonSchemaType.Integer))
        {
            var (minimum, maximum) = RangeOf(schema.Format);
            if (schema.Minimum is null && schema.ExclusiveMinimum is null)
            {
                schema.Minimum = minimum;
            }

            if (schema.Maximum is null && schema.ExclusiveMaximum is null)
            {
                schema.Maximum = maximum;
            }
        }

        // Also a number the serializer reads from a JSON string ("42"): the gate bounds every JSON string alike.
        if (type.HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 } && schema.Const is null)
        {
            schema.MaxLength = InputLimits.MaxTextLength;
        }

        if (type.HasFlag(JsonSchemaType.Array) && schema.MaxItems is null)
        {
            schema.MaxItems = InputLimits.MaxArrayItems;
        }
    }

    /// <summary>The range the serializer binds for the format (int64 when none is named); outside it the request is answered 400.</summary>
    private static (string Minimum, string Maximum) RangeOf(string? format) => format switch
    {
        "int32" => (int.MinValue.ToString(CultureInfo.InvariantCulture), int.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "int16" => (short.MinValue.ToString(CultureInfo.InvariantCulture), short.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "uint8" => (byte.MinValue.ToString(CultureInfo.InvariantCulture), byte.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "int8" => (sbyte.MinValue.ToString(CultureInfo.InvariantCulture), sbyte.MaxValue.ToString(CultureInfo.InvariantCulture)),
        _ => (long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture)),
    };
}
