using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Data;

/// <summary>
/// The scope's session forgets a transaction that ended without a commit or rollback event (ADR 0017). Npgsql
/// reuses one transaction object per physical connection, so a session that kept the object after its connection
/// went back to the pool would find another scope's live transaction in it and send its next command there: two
/// racing partnership acceptances answered 500 ("Connection is not open") this way.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DatabaseSessionTests(PlatformFixture fixture)
{
    [Fact]
    public async Task A_transaction_disposed_unseen_is_not_joined_once_its_connection_serves_another_scope()
    {
        // A pool of one: the second scope gets the very connection the first one gave back.
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.AppConnectionStringWith(b => b.MaxPoolSize = 1));
        await using var first = new DatabaseSession(dataSource);
        await first.Connection.OpenAsync();
        var refused = await first.Connection.BeginTransactionAsync();
        first.Began(null, refused, null);
        await refused.DisposeAsync(); // a refusal's exit: disposed, neither committed nor rolled back by EF
        await first.Connection.CloseAsync();

        await using var second = new DatabaseSession(dataSource);
        await second.Connection.OpenAsync();
        await using var others = await second.Connection.BeginTransactionAsync();

        Assert.Same(refused, others); // the premise: Npgsql handed the same object to the other scope
        Assert.Null(first.Transaction);
    }
}
