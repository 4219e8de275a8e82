using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Mediation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// One module's resource for its refusals, registered by the module as its <c>ModuleParts.Resource</c> (<see cref="RefusalTextRegistration.AddRefusalTexts"/>);
/// <see cref="Arguments"/> fills the placeholders its texts share (e.g. a support contact).
/// </summary>
public sealed record RefusalTextSource(Assembly Module, Type Resource, Func<IServiceProvider, object[]> Arguments);

/// <summary>
/// The one way a refusal becomes a sentence for people, in every module: the module's own resource, in the user's
/// culture. A rule's refusal reads <c>Error_{code}</c>; a field's failure reads <c>Error_Field_{code}</c> with the field's
/// label <c>Field_{name}</c> as <c>{0}</c>, else <c>Error_{code}</c>. Where the module has no such text (or the text
/// needs values only the rule knew), the refusal's own message stands: the module wrote it from the same resource when it
/// refused.
/// </summary>
public sealed partial class RefusalTexts(IEnumerable<RefusalTextSource> sources, IStringLocalizerFactory factory, IServiceProvider services)
{
    private readonly Dictionary<Assembly, RefusalTextSource> _sources = sources.GroupBy(s => s.Module).ToDictionary(g => g.Key, g => g.Last());

    public string Describe(Assembly module, DomainRuleException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Lookup(module, "Error_" + refusal.Code, []) ?? refusal.Message;
    }

    public string Describe(Assembly module, ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var name = failure.Field.Split('.')[^1];
        var label = Lookup(module, "Field_" + name, []) ?? failure.Field;
        return Lookup(module, "Error_Field_" + failure.Code, [label]) ?? Lookup(module, "Error_" + failure.Code, []) ?? failure.Message;
    }

    private string? Lookup(Assembly module, string key, object[] first)
    {
        if (!_sources.TryGetValue(module, out var source))
        {
            return null;
        }

        var text = factory.Create(source.Resource)[key];
        if (text.ResourceNotFound)
        {
            return null;
        }

        object[] arguments = [.. first, .. source.Arguments(services)];
        var needed = Placeholder().Matches(text.Value).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
        return needed > arguments.Length ? null : string.Format(CultureInfo.CurrentCulture, text.Value, arguments);
    }

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}

public static class RefusalTextRegistration
{
    /// <summary>The module's refusals read from <paramref name="resource"/> (see <see cref="RefusalTexts"/>).</summary>
    public static IServiceCollection AddRefusalTexts(this IServiceCollection services, Type resource, Func<IServiceProvider, object[]>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(resource);
        services.AddSingleton(new RefusalTextSource(resource.Assembly, resource, arguments ?? (_ => [])));
        services.AddLocalization();
        services.TryAddScoped<RefusalTexts>();
        return services;
    }
}
