using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.Modules.Customers.Resources;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>Refusals as readable, localised sentences for the portal (the API keeps the codes).</summary>
internal static class CustomerPageErrors
{
    public static IReadOnlyList<string> For(Exception exception, IStringLocalizer<CustomersResource> c) => exception switch
    {
        RequestValidationException invalid => [.. invalid.Failures.Select(f => Field(f, c))],
        DomainRuleException rule => [Rule(rule.Code, c)],
        _ => throw exception,
    };

    private static string Rule(string code, IStringLocalizer<CustomersResource> c)
    {
        var text = c["Error_" + code];
        return text.ResourceNotFound ? c["Error_Generic"] : text;
    }

    private static string Field(ValidationFailure failure, IStringLocalizer<CustomersResource> c)
    {
        var specific = c["Error_" + failure.Code];
        if (!specific.ResourceNotFound && failure.Code is not ("required" or "invalid" or "too_long"))
        {
            return specific;
        }

        var label = c["Field_" + failure.Field.Split('.')[^1]];
        var problem = c["Error_Field_" + failure.Code];
        return string.Format(System.Globalization.CultureInfo.CurrentCulture, problem.ResourceNotFound ? c["Error_Field_invalid"] : problem, label.ResourceNotFound ? failure.Field : label.Value);
    }
}
