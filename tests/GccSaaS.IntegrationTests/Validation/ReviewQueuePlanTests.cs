using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.ReviewDesk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>
/// Issue 19, R-VAL-3: the review desk's queue (open cases of every tenant by due date, cases without one last) is an
/// index range in the queue's own order that stops after one page, never a scan and sort of every open case (the
/// benchmark's queue went from 38 to over 300 requests/s over 50,000 cases with it). Asserted on PostgreSQL's plan of
/// the handler's own query (<see cref="ListReviewQueueHandler.Query"/>) over 20,000 analysed cases, in a transaction
/// that is rolled back, so no other test sees them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReviewQueuePlanTests(PlatformFixture fixture)
{
    public static TheoryData<string, string?, string?, bool> Pages => new()
    {
        // page, state filter, kind filter, a later page
        { "first page", null, null, false },
        { "next page", null, null, true },
        { "one state", nameof(ValidationCaseState.InReview), null, true },
        { "one kind", null, nameof(ValidationCaseKind.Customer), false },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_of_the_review_queue_is_an_index_range_without_a_sort(string page, string? state, string? kind, bool later)
    {
        var tenant = await fixture.Services.CreateTenantAsync("rq");
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var fill = new NpgsqlCommand("""
            SELECT set_config('app.tenant_id', @t::text, true);
            INSERT INTO validation.cases (id, kind, state, submitted_by_tenant_id, partner_organisation_id, partner_name, commercial_tenant_id,
                submitted_by_user_id, submitted_by_name, submitted_at, due_at, updated_at, government_entities_served,
                holds_direct_contracts, holds_indirect_contracts, regulated_data, version)
            SELECT gen_random_uuid(), CASE WHEN i % 2 = 0 THEN 'Customer' ELSE 'Partner' END,
                   (ARRAY['Submitted', 'InReview', 'InformationRequested', 'Approved', 'Denied'])[1 + i % 5],
                   @t, gen_random_uuid(), 'Partner ' || i, gen_random_uuid(), gen_random_uuid(), 'Submitter',
                   now() - i * interval '1 minute', CASE WHEN i % 7 = 0 THEN NULL ELSE now() + (i % 900) * interval '1 hour' END,
                   now(), ARRAY['Federal'], true, false, ARRAY[]::text[], 1
              FROM generate_series(1, 20000) AS i
             WHERE (ARRAY['Submitted', 'InReview', 'InformationRequested', 'Approved', 'Denied'])[1 + i % 5] <> 'Denied';
            ANALYZE validation.cases;
            SELECT set_config('app.platform_access', 'validation_review', true);
            """, connection, transaction))
        {
            fill.Parameters.AddWithValue("t", tenant.Id);
            fill.CommandTimeout = 120;
            await fill.ExecuteNonQueryAsync();
        }

        var after = later ? new ReviewQueueCursor(DateTimeOffset.UtcNow.AddDays(10), Guid.Empty) : null;
        var text = await ExplainAsync(connection, transaction, new ListReviewQueueQuery(
            kind is null ? null : Enum.Parse<ValidationCaseKind>(kind), state is null ? null : Enum.Parse<ValidationCaseState>(state), after, 101));

        Assert.True(text.Contains("ix_cases_review_queue", StringComparison.Ordinal), $"{page}: {text}");
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", text.Replace("Sort Key", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        await transaction.RollbackAsync();
    }

    private async Task<string> ExplainAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ListReviewQueueQuery query)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<ListReviewQueueHandler>(scope.ServiceProvider);
        await using var product = handler.Query(query).CreateDbCommand();
        return await QueryPlans.ExplainAsync(connection, product, transaction: transaction);
    }
}
