using System.Reflection;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.BuildingBlocks.Hosting;

/// <summary>
/// What a module is made of, said once in its own <c>Add…Module</c> and registered by
/// <see cref="PlatformRegistration.AddModule{TContext}(Microsoft.Extensions.Hosting.IHostApplicationBuilder, ModuleParts{TContext})"/>
/// (issue 12: the parts every module has were registered by seven copies of the same calls). The module keeps its own
/// roles, navigation, resources, error codes and demo seed (ARCHITECTURE.md); its other services it registers itself.
/// What the module's assembly declares by kind is found there rather than listed again: its error-code table (the one
/// <see cref="ErrorCodeTableAttribute"/> class), its policy tables (<see cref="IRolePolicyTable"/>), its demo seed
/// (<see cref="IDemoSeed"/>), its pages' navigation links (<see cref="NavigationLinkAttribute"/>) and its dashboard
/// figures (every <see cref="IDashboardFigures"/> and <see cref="IPlatformDashboardFigures"/>).
/// </summary>
/// <typeparam name="TContext">The module's DbContext, in schema <paramref name="Schema"/>.</typeparam>
/// <param name="Name">The module's name (the catalog, the OpenAPI tag).</param>
/// <param name="Schema">The module's own schema (its tables and its migrations' history).</param>
/// <param name="Resource">The module's resource: its refusals in people's words (<see cref="RefusalTexts"/>).</param>
public sealed record ModuleParts<TContext>(string Name, string Schema, Type Resource)
    where TContext : ModuleDbContext
{
    /// <summary>The Razor class library with the module's pages and handlers: the DbContext's assembly.</summary>
    public Assembly Implementation => typeof(TContext).Assembly;

    /// <summary>The module's contracts; by default the assembly named like the implementation with <c>.Contracts</c>.</summary>
    public Assembly? Contracts { get; init; }

    /// <summary>The arguments the module's refusal texts fill in besides their own (e.g. a support address).</summary>
    public Func<IServiceProvider, object[]>? RefusalTextArguments { get; init; }
}
