using System.Reflection;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>A module as the platform sees it: its name, schema, DbContext and assemblies.</summary>
public sealed record ModuleDefinition(string Name, string Schema, Type DbContextType, Assembly Implementation, Assembly Contracts)
{
    public bool Owns(Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        return requestType.Assembly == Implementation || requestType.Assembly == Contracts;
    }
}

/// <summary>
/// The modules the host composed, in registration order. Built by each module's <c>Add…Module</c>
/// call (explicit composition, no assembly scanning to discover modules).
/// </summary>
public sealed class ModuleCatalog
{
    private readonly List<ModuleDefinition> _modules = [];

    public IReadOnlyList<ModuleDefinition> Modules => _modules;

    internal void Add(ModuleDefinition module)
    {
        if (_modules.Any(m => m.Name == module.Name))
        {
            throw new InvalidOperationException($"Module {module.Name} is registered twice.");
        }

        _modules.Add(module);
    }

    /// <summary>The module whose handler serves a request of this type, if any.</summary>
    public ModuleDefinition? FindByRequestType(Type requestType) => _modules.FirstOrDefault(m => m.Owns(requestType));
}
