using Microsoft.CodeAnalysis;

namespace GccSaaS.BuildingBlocks.Generators;

/// <summary>What the generators report: a table that cannot become code stops the build where the table is wrong.</summary>
internal static class Diagnostics
{
    private const string Category = "GccSaaS.ErrorCodes";

    public static readonly DiagnosticDescriptor TableFileMissing = new(
        "GCCSAAS001",
        "Error-code table file not found",
        "{0} names the table '{1}', but the project has {2} additional files of that name (it needs exactly one: <AdditionalFiles Include=\"…\" />)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TableRowInvalid = new(
        "GCCSAAS002",
        "Error-code table row invalid",
        "{0}, line {1}: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
