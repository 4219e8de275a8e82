using System.Globalization;
using GccSaaS.Bench;
using Npgsql;

// build/bench.sh's tool (issue 19):
//   generate --scale 1 --out <bench.env> [--small-tenants 99]   (ConnectionStrings__Migrations: the owner role)
//   baseline --urls http://127.0.0.1:5091                        (ConnectionStrings__Default: the application role)
var mode = args.Length > 0 ? args[0] : string.Empty;
string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

switch (mode)
{
    case "generate":
    {
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__Migrations")
            ?? throw new InvalidOperationException("ConnectionStrings__Migrations (the owner role) is required.");
        var scale = double.Parse(Option("--scale", "1"), CultureInfo.InvariantCulture);
        var small = int.Parse(Option("--small-tenants", "99"), CultureInfo.InvariantCulture);
        var output = Option("--out", "bench.env");
        var builder = new NpgsqlConnectionStringBuilder(owner) { CommandTimeout = 0 };
        await using var db = NpgsqlDataSource.Create(builder.ConnectionString);
        var generator = new Generator(db, scale, Console.Out);
        await generator.RunAsync(Option("--tenant", "contoso-distribution"), small, CancellationToken.None);
        await File.WriteAllLinesAsync(output, generator.Facts.Select(f => $"{f.Key}='{f.Value}'"));
        Console.WriteLine($"generate: facts for the benchmark in {output}");
        return 0;
    }

    case "baseline":
        await Baseline.RunAsync(args);
        return 0;

    default:
        await Console.Error.WriteLineAsync("usage: GccSaaS.Bench generate --scale 0.01 --out bench.env | baseline --urls http://127.0.0.1:5091");
        return 2;
}
