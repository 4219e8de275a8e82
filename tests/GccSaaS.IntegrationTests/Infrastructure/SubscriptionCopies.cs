using GccSaaS.BuildingBlocks.Data;
using Npgsql;

namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>
/// List data for the subscription lists' tests (issue 16): copies of a subscription bought through the product, written
/// with SQL as the owner role in the subscription's tenant (row-level security is forced for the owner too). Each copy
/// has a new id of its own; the lists' tests read their order from the list itself.
/// </summary>
public static class SubscriptionCopies
{
    /// <summary>
    /// <paramref name="copies"/> copies of <paramref name="subscription"/> of <paramref name="tenantId"/>; answers their
    /// ids. As the original, unless <paramref name="resellerPartnerId"/> is given: then the copies are sold
    /// under that PartnerID (no reseller organisation, the provider as support contact), so a list filtered by it holds
    /// exactly them.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> CopyAsync(TestDatabase database, Guid tenantId, Guid subscription, int copies, string? resellerPartnerId = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        var reseller = resellerPartnerId is null
            ? "s.reseller_organisation_id, s.reseller_partner_id, s.support_contact_kind, s.support_contact_organisation_id"
            : "NULL, @pid, 'Provider', NULL";
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenantId) + $"""
                WITH copies AS (
                INSERT INTO ordering.subscriptions (tenant_id, id, customer_id, order_id, offer_id, offer_name, product_family, segment, quantity,
                    term_duration, billing_cycle, status, auto_renew_enabled, reseller_organisation_id, reseller_partner_id, support_contact_kind,
                    support_contact_organisation_id, created_at, commitment_ends_at)
                SELECT s.tenant_id, @ids[i], s.customer_id, s.order_id, s.offer_id, s.offer_name, s.product_family, s.segment, s.quantity,
                    s.term_duration, s.billing_cycle, s.status, s.auto_renew_enabled, {reseller}, s.created_at, s.commitment_ends_at
                FROM ordering.subscriptions s, generate_series(1, @n) AS i
                WHERE s.tenant_id = @t AND s.id = @s
                RETURNING 1)
                SELECT count(*) FROM copies
                """,
            connection);
        var ids = Enumerable.Range(0, copies).Select(_ => Guid.CreateVersion7()).ToArray();
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("s", subscription);
        command.Parameters.AddWithValue("n", copies);
        command.Parameters.AddWithValue("ids", ids);
        if (resellerPartnerId is not null)
        {
            command.Parameters.AddWithValue("pid", resellerPartnerId);
        }

        Assert.Equal((long)copies, await command.ExecuteScalarAsync());
        return ids;
    }
}
