using System.Globalization;
using System.Text.RegularExpressions;

namespace GccSaaS.Modules.Notifications.Features.AuditLog;

/// <summary>An action people can pick in the audit log's filter: its recorded name and its words.</summary>
internal sealed record AuditActionChoice(string Action, string Label);

/// <summary>
/// Audit lines in people's words. The log records what ran (the command's name and its module, stable for exports and
/// the API); the page shows what it means, in the user's language, from the texts of the module that owns the command:
/// <c>Audit_{Action}</c> and <c>Audit_Module</c> in the resource it registered for its refusals
/// (its <c>ModuleParts.Resource</c>). A line from a command no module describes reads
/// as its name split into words.
/// </summary>
internal sealed partial class AuditActionNames(ModuleCatalog catalog, IEnumerable<RefusalTextSource> sources, IStringLocalizerFactory factory)
{
    private readonly Dictionary<System.Reflection.Assembly, Type> _resources =
        sources.GroupBy(s => s.Module).ToDictionary(g => g.Key, g => g.Last().Resource);

    /// <summary>Every action a module of this host can record: the requests whose name ends in "Command".</summary>
    public IReadOnlyList<AuditActionChoice> Choices() =>
        [.. catalog.Modules
            .SelectMany(m => AuditedCommands(m).Select(type => new AuditActionChoice(type.Name, Text(m, "Audit_" + type.Name) ?? Words(type.Name))))
            .DistinctBy(c => c.Action)
            .OrderBy(c => c.Label, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];

    public string Action(string module, string action) =>
        catalog.Modules.FirstOrDefault(m => m.Name == module) is { } owner && Text(owner, "Audit_" + action) is { } text ? text : Words(action);

    public string Module(string module) =>
        catalog.Modules.FirstOrDefault(m => m.Name == module) is { } owner && Text(owner, "Audit_Module") is { } text ? text : module;

    /// <summary>The commands the audit behaviour records for a module (see <c>AuditBehavior</c>).</summary>
    public static IEnumerable<Type> AuditedCommands(ModuleDefinition module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return new[] { module.Implementation, module.Contracts }.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.Name.EndsWith("Command", StringComparison.Ordinal)
                && t.GetInterfaces().Any(i => i == typeof(IRequest) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))));
    }

    private string? Text(ModuleDefinition module, string key)
    {
        if (!_resources.TryGetValue(module.Implementation, out var resource))
        {
            return null;
        }

        var text = factory.Create(resource)[key];
        return text.ResourceNotFound ? null : text.Value;
    }

    // "RemovePartnershipCommand" → "Remove partnership".
    private static string Words(string action)
    {
        var name = action.EndsWith("Command", StringComparison.Ordinal) ? action[..^"Command".Length] : action;
        var words = WordStart().Replace(name, " $1").Trim();
        return words.Length == 0 ? action : words[..1] + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordStart();
}
