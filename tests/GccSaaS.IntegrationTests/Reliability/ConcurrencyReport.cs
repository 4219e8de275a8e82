using System.Text.Json;
using System.Text.Json.Nodes;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// The outcome of each concurrency and fault case of the latest run, in <c>artifacts/reliability/concurrency.json</c>
/// (git-ignored), one line per case, so docs/reliability.md quotes what a run saw rather than what it hoped.
/// </summary>
public static class ConcurrencyReport
{
    private static readonly Lock Gate = new();

    public static string PathOf(string file) => Path.Combine(RepositoryPaths.Root(), "artifacts", "reliability", file);

    public static void Record(string @case, string outcome, string file = "concurrency.json")
    {
        lock (Gate)
        {
            var path = PathOf(file);
            Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
            JsonObject root;
            try
            {
                root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];
            }
            catch (JsonException)
            {
                root = [];
            }

            root[@case] = outcome + " (" + DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ")";
            File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
    }
}
