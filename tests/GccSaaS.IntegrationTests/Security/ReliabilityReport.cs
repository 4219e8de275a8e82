using System.Text.Json;
using System.Text.Json.Nodes;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// The figures of the generated tests, written to <c>artifacts/reliability/summary.json</c> under the repository root
/// (found by walking up to GccSaaS.sln) so <c>docs/reliability.md</c> can quote them. Each test class writes its own
/// section; the file keeps the others.
/// </summary>
public static class ReliabilityReport
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string SummaryPath => Path.Combine(RepositoryRoot(), "artifacts", "reliability", "summary.json");

    public static async Task WriteSectionAsync(string section, JsonObject figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        await Gate.WaitAsync();
        try
        {
            var path = SummaryPath;
            Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
            JsonObject root;
            try
            {
                root = File.Exists(path) ? JsonNode.Parse(await File.ReadAllTextAsync(path)) as JsonObject ?? [] : [];
            }
            catch (JsonException)
            {
                root = [];
            }

            figures["writtenAt"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            root[section] = figures;
            var totals = new JsonObject();
            foreach (var name in new[] { "routesCovered", "attempts", "hostileInputs", "serverErrors", "acceptances", "changedDatabase", "leaks" })
            {
                totals[name] = root.Where(s => s.Key != "totals" && s.Value is JsonObject).Sum(s => s.Value?[name]?.GetValue<int>() ?? 0);
            }

            root["totals"] = totals;
            await File.WriteAllTextAsync(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GccSaaS.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GccSaaS.sln not found above " + AppContext.BaseDirectory);
    }
}
