using System.Text.RegularExpressions;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Rule 6: a module's code names no schema but its own. Every other module's schema and the platform
/// schemas (<c>platform</c>, <c>hangfire</c>) are off limits: BuildingBlocks and the
/// host own the platform's tables, and a module learns about them through Contracts and BuildingBlocks.
/// </summary>
public class SchemaIsolationTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_names_no_other_schema_in_its_sql(string module)
    {
        var info = Architecture.Module(module);
        var foreign = ForeignSchemas(info);
        var literals = AssemblyReflection.StringLiterals(Architecture.Load(info.ImplementationAssembly)).ToList();

        // The reader reads: every module names its own schema (HasDefaultSchema, the migrations history table).
        Assert.True(literals.Any(s => s.Value == info.Schema),
            $"None of the {literals.Count} strings read from {info.ImplementationAssembly} is its own schema {info.Schema}; the literal reader is broken.");

        var violations = literals
            .Select(s => (Literal: s, Schema: SchemaNamedBy(s.Value, foreign)))
            .Where(x => x.Schema is not null)
            .Select(x => $"{x.Literal.Owner} names schema {x.Schema} in \"{x.Literal.Value}\".")
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0,
            $"Module {module} may use only its own schema {info.Schema}:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    /// <summary>What the matcher flags and what it leaves alone, for another module's schema.</summary>
    [Theory]
    [InlineData("select * from partners.x", "partners")]
    [InlineData("SELECT p.id FROM \"partners\".\"partner\" p", "partners")]
    [InlineData("update hangfire.job set", "hangfire")]
    [InlineData("join identity.users u on", "identity")]
    [InlineData("partners", "partners")]
    [InlineData("/v1/partners", null)]
    [InlineData("/v1/partners/profile.json", null)]
    [InlineData("GccSaaS.Modules.Partners.Contracts", null)]
    [InlineData("Identity.Application", null)]
    [InlineData("Only partners. Ask an administrator.", null)]
    [InlineData("support@partners.example", null)]
    [InlineData("partnership", null)]
    [InlineData("customers.customer", null)]
    public void Schema_matcher_flags_qualifiers_and_exact_names_only(string literal, string? expected)
    {
        Assert.Equal(expected, SchemaNamedBy(literal, ForeignSchemas(Architecture.Module("Customers"))));
    }

    private static string[] ForeignSchemas(ModuleInfo module) =>
        [.. Architecture.Modules.Select(m => m.Schema).Concat(Architecture.PlatformSchemas).Where(s => s != module.Schema)];

    /// <summary>
    /// The schema a literal names, if any: either the literal is exactly the schema name (EF's
    /// <c>ToTable(name, schema)</c>, <c>HasDefaultSchema</c>, a migration's <c>schema:</c>), or it uses the
    /// schema as a qualifier, <c>schema.table</c> or <c>"schema"."table"</c>. Matching is case-sensitive:
    /// our SQL writes identifiers in lowercase snake_case, and .NET names such as
    /// <c>Identity.Application</c> are not schema qualifiers. A schema name inside a path, host, e-mail
    /// address (also at its start, <c>platform.admin@…</c>) or dotted .NET name (<c>/v1/customers</c>, <c>x.partners.y</c>) is not a qualifier.
    /// </summary>
    private static string? SchemaNamedBy(string literal, IReadOnlyCollection<string> schemas)
    {
        if (schemas.FirstOrDefault(s => s == literal) is { } exact)
        {
            return exact;
        }

        var alternatives = string.Join('|', schemas.Select(Regex.Escape));
        var qualifier = Regex.Match(
            literal,
            $"""(?<![\w@./\-])"?(?<schema>{alternatives})"?\.(?="?[a-z_])(?![\w.\-]*@)""",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        return qualifier.Success ? qualifier.Groups["schema"].Value : null;
    }
}
