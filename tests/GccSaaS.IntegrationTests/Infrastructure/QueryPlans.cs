using System.Data.Common;
using Npgsql;

namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>
/// Issue 19: the plan tests explain the very command a handler sends (its EF query turned into its command with its
/// parameters), so a slower product query fails them. One way to do it, for every plan test.
/// </summary>
public static class QueryPlans
{
    /// <summary>
    /// PostgreSQL's plan of <paramref name="product"/> on <paramref name="connection"/>, after <paramref name="prefix"/>
    /// (e.g. the tenant's <c>set_config</c>), in <paramref name="transaction"/> when given; the plan's lines joined,
    /// without the prefix's own <c>Result</c> lines.
    /// </summary>
    public static async Task<string> ExplainAsync(NpgsqlConnection connection, DbCommand product, string prefix = "", NpgsqlTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        await using var explain = new NpgsqlCommand(prefix + "EXPLAIN " + product.CommandText, connection, transaction);
        foreach (var parameter in product.Parameters.Cast<NpgsqlParameter>())
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            do
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }
            while (await reader.NextResultAsync());
        }

        return string.Join(Environment.NewLine, plan.Where(l => !l.StartsWith("Result", StringComparison.Ordinal)));
    }
}
