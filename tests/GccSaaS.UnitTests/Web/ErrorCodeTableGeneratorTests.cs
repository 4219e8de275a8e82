using System.Collections.Immutable;
using GccSaaS.BuildingBlocks.Generators;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GccSaaS.UnitTests.Web;

/// <summary>
/// Issue 12: a module's <c>/v1</c> error codes are data (its <c>…ErrorCodes.csv</c>) that the generator turns into the
/// constants of its <c>[ErrorCodeTable]</c> class, each marked <see cref="ApiErrorAttribute"/>. A malformed table stops
/// the build at its line; it never yields a class with a code missing.
/// </summary>
public sealed class ErrorCodeTableGeneratorTests
{
    private const string Table = """
        # a comment, then the header
        code,number,status,constant,summary

        cart_not_found,160001,404,,
        partner_of_record_attestation_required,10012,400,AttestationNotAccepted,"R-ORD-2: the attestation (""I act as an indirect partner"") is not accepted."
        customer_not_found,,,,"Numbered by Customers, refused here with the same meaning."
        """;

    [Fact]
    public void A_table_becomes_constants_with_their_number_status_name_and_summary()
    {
        var (rows, errors) = ErrorCodeTable.Parse(Table);

        Assert.Empty(errors);
        Assert.Equal(
            [
                new ErrorCodeRow("cart_not_found", 160001, 404, "CartNotFound", string.Empty),
                new ErrorCodeRow("partner_of_record_attestation_required", 10012, 400, "AttestationNotAccepted", "R-ORD-2: the attestation (\"I act as an indirect partner\") is not accepted."),
                new ErrorCodeRow("customer_not_found", null, null, "CustomerNotFound", "Numbered by Customers, refused here with the same meaning."),
            ],
            rows);
    }

    [Theory]
    [InlineData("number,code,status,constant,summary\nx,1,400,,", 1)] // columns swapped
    [InlineData("code,number,status,constant,summary\nCartNotFound,160001,404,,", 2)] // not snake_case
    [InlineData("code,number,status,constant,summary\ncart_not_found,160001,,,", 2)] // a number without a status
    [InlineData("code,number,status,constant,summary\ncart_not_found,160001,200,,", 2)] // not an error status
    [InlineData("code,number,status,constant,summary\ncart_not_found,-5,404,,", 2)] // not a positive number
    [InlineData("code,number,status,constant,summary\ncart_not_found,160001,404,", 2)] // four fields
    [InlineData("code,number,status,constant,summary\ncart_not_found,160001,404,,\"open quote", 2)] // a quote left open
    [InlineData("code,number,status,constant,summary\ncart_not_found,160001,404,Cart-Not-Found,", 2)] // not an identifier
    [InlineData("code,number,status,constant,summary\na_b,1,400,,\nc_d,1,409,,", 3)] // a number twice
    [InlineData("code,number,status,constant,summary\na_b,1,400,,\na_b,2,400,,", 3)] // a code twice
    [InlineData("code,number,status,constant,summary\na_b,1,400,X,\nc_d,2,400,X,", 3)] // a constant twice
    [InlineData("# only a comment", 1)] // no header
    public void A_malformed_table_is_refused_at_its_line(string table, int line)
    {
        var (_, errors) = ErrorCodeTable.Parse(table);

        Assert.Equal(line, Assert.Single(errors).Line);
    }

    [Fact]
    public void The_generator_fills_the_named_class_and_its_constants_carry_the_api_error()
    {
        var (compilation, diagnostics) = Run("""
            namespace Shop.Domain;
            [GccSaaS.BuildingBlocks.Web.ErrorCodeTable("ShopErrorCodes.csv")]
            internal static partial class ShopErrorCodes;
            internal static class Use { public const string Code = ShopErrorCodes.AttestationNotAccepted; }
            """, ("Domain/ShopErrorCodes.csv", Table));

        Assert.Empty(diagnostics);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var table = compilation.GetTypeByMetadataName("Shop.Domain.ShopErrorCodes");
        Assert.NotNull(table);
        var cart = Assert.IsAssignableFrom<IFieldSymbol>(Assert.Single(table.GetMembers("CartNotFound")));
        Assert.Equal("cart_not_found", cart.ConstantValue);
        var error = Assert.Single(cart.GetAttributes());
        Assert.Equal("GccSaaS.BuildingBlocks.Web.ApiErrorAttribute", error.AttributeClass?.ToDisplayString());
        Assert.Equal([160001, 404], error.ConstructorArguments.Select(a => (int)(a.Value ?? 0)));
        var borrowed = Assert.IsAssignableFrom<IFieldSymbol>(Assert.Single(table.GetMembers("CustomerNotFound")));
        Assert.Empty(borrowed.GetAttributes()); // numbered by another module
        Assert.Contains("R-ORD-2", table.GetMembers("AttestationNotAccepted").Single().GetDocumentationCommentXml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_row_or_a_missing_file_stops_the_build_where_it_is_wrong()
    {
        const string Source = """
            namespace Shop;
            [GccSaaS.BuildingBlocks.Web.ErrorCodeTable("ShopErrorCodes.csv")]
            internal static partial class ShopErrorCodes;
            """;

        var (_, bad) = Run(Source, ("ShopErrorCodes.csv", "code,number,status,constant,summary\ncart_not_found,160001,204,,"));
        var row = Assert.Single(bad);
        Assert.Equal("GCCSAAS002", row.Id);
        Assert.Equal(DiagnosticSeverity.Error, row.Severity);
        Assert.Equal(1, row.Location.GetLineSpan().StartLinePosition.Line); // the second line, counted from 0

        var (_, missing) = Run(Source, ("OtherErrorCodes.csv", Table));
        Assert.Equal("GCCSAAS001", Assert.Single(missing).Id);
    }

    private static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) Run(string source, params (string Path, string Text)[] files)
    {
        var compilation = CSharpCompilation.Create(
            "Shop",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose))],
            [
                MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Attribute).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(ApiErrorAttribute).Assembly.Location),
                MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty, "System.Runtime.dll")),
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(
            [new ErrorCodeTableGenerator().AsSourceGenerator()],
            files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)),
            (CSharpParseOptions)compilation.SyntaxTrees[0].Options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
