namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Issue 19: the benchmark tool (build/Bench: the data generator and the baseline server) is compiled only by
/// build/bench.sh. No product or test project references it and the solution does not list it, so no production
/// build contains the baseline's unauthenticated endpoints.
/// </summary>
public class BenchmarkIsolationTests
{
    [Fact]
    public void No_project_of_the_product_references_the_benchmark_tool()
    {
        var offenders = SourceTree.Files("src", ".csproj")
            .Concat(SourceTree.Files("tests", ".csproj"))
            .Where(p => File.ReadAllText(p).Contains("GccSaaS.Bench.csproj", StringComparison.OrdinalIgnoreCase))
            .Select(SourceTree.Relative)
            .ToList();

        Assert.True(offenders.Count == 0, "These projects reference build/Bench: " + string.Join(", ", offenders));
        Assert.DoesNotContain("GccSaaS.Bench", File.ReadAllText(Path.Combine(SourceTree.Root, "GccSaaS.sln")), StringComparison.Ordinal);
    }

    [Fact]
    public void No_source_of_the_product_maps_the_baseline_routes() =>
        Assert.Empty(SourceTree.Files("src", ".cs")
            .Where(f => File.ReadAllText(f).Contains("/baseline/", StringComparison.Ordinal))
            .Select(SourceTree.Relative));
}
