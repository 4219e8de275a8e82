using GccSaaS.BuildingBlocks.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The <c>MS-RequestId</c> records of platform writes (<c>/v1/platform/…</c>, issue 18), which have no tenant: one per
/// caller (the platform key's owner) and request id, in <c>idempotency.platform_idempotent_requests</c>. Same rules as the
/// tenant store (<see cref="PostgresIdempotentRequestStore"/>): every step one guarded statement committed on its own; a
/// stale claim is taken over; an expired answer is forgotten (and the caller's expired records are deleted as it writes,
/// so the table needs no sweep of its own).
/// </summary>
internal sealed class PostgresPlatformIdempotentRequestStore(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    private const int MaxAttempts = 3;

    public async Task<IdempotencyClaim> BeginAsync(Guid ownerId, IdempotentRequestKey request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var path = request.Path.Length <= 2048 ? request.Path : request.Path[..2048];
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var lockId = Guid.NewGuid();
            var lockedUntil = now + options.Value.InProgressTimeout;
            var expiresAt = now + options.Value.Retention;

            // The claim's values, $1 to $10, as the insert and the take-over both write them.
            void AddClaim(NpgsqlCommand command)
            {
                foreach (var value in new object[]
                {
                    ownerId, request.RequestId, request.RequestHash, request.Method, path, lockId, lockedUntil, now, expiresAt,
                    (object?)CorrelationContext.Current ?? DBNull.Value,
                })
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }
            }

            await using (var forget = new NpgsqlCommand(
                "DELETE FROM idempotency.platform_idempotent_requests WHERE owner_id = $1 AND expires_at <= $2 AND request_id <> $3", connection))
            {
                forget.Parameters.Add(new NpgsqlParameter { Value = ownerId });
                forget.Parameters.Add(new NpgsqlParameter { Value = now });
                forget.Parameters.Add(new NpgsqlParameter { Value = request.RequestId });
                await forget.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO idempotency.platform_idempotent_requests
                    (owner_id, request_id, request_hash, method, path, state, lock_id, locked_until, created_at, expires_at, correlation_id)
                VALUES ($1, $2, $3, $4, $5, 'InProgress', $6, $7, $8, $9, $10)
                ON CONFLICT (owner_id, request_id) DO NOTHING
                """, connection))
            {
                AddClaim(insert);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    return new IdempotencyClaim(IdempotencyOutcome.Claimed, request.RequestId, lockId);
                }
            }

            byte[] hash;
            string state;
            DateTimeOffset? existingLockedUntil;
            DateTimeOffset existingExpiresAt;
            StoredResponse? stored = null;
            await using (var read = new NpgsqlCommand(
                """
                SELECT request_hash, state, locked_until, expires_at, response_status, response_content_type, response_location, response_body
                  FROM idempotency.platform_idempotent_requests WHERE owner_id = $1 AND request_id = $2
                """, connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = ownerId });
                read.Parameters.Add(new NpgsqlParameter { Value = request.RequestId });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    if (attempt < MaxAttempts)
                    {
                        continue; // released between our insert and read: claim again
                    }

                    return new IdempotencyClaim(IdempotencyOutcome.InProgress, request.RequestId, Guid.Empty);
                }

                hash = reader.GetFieldValue<byte[]>(0);
                state = reader.GetString(1);
                existingLockedUntil = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
                existingExpiresAt = reader.GetFieldValue<DateTimeOffset>(3);
                if (!reader.IsDBNull(4))
                {
                    stored = new StoredResponse(
                        reader.GetInt32(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.IsDBNull(7) ? [] : reader.GetFieldValue<byte[]>(7));
                }
            }

            var forgotten = existingExpiresAt <= now;
            if (!forgotten && !hash.AsSpan().SequenceEqual(request.RequestHash))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch, request.RequestId, Guid.Empty);
            }

            if (!forgotten && state == nameof(IdempotentRequestState.Completed))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Replay, request.RequestId, Guid.Empty,
                    stored ?? new StoredResponse(StatusCodes.Status200OK, null, null, []));
            }

            if (!forgotten && existingLockedUntil > now)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InProgress, request.RequestId, Guid.Empty);
            }

            // Forgotten, or claimed by a request whose host died: take it over (the condition is checked again).
            await using (var takeOver = new NpgsqlCommand(
                """
                UPDATE idempotency.platform_idempotent_requests
                   SET request_hash = $3, method = $4, path = $5, state = 'InProgress', lock_id = $6, locked_until = $7, created_at = $8,
                       completed_at = NULL, expires_at = $9, response_status = NULL, response_content_type = NULL, response_location = NULL,
                       response_body = NULL, correlation_id = $10
                 WHERE owner_id = $1 AND request_id = $2 AND (expires_at <= $8 OR (state = 'InProgress' AND locked_until <= $8))
                """, connection))
            {
                AddClaim(takeOver);
                if (await takeOver.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    return new IdempotencyClaim(IdempotencyOutcome.Claimed, request.RequestId, lockId);
                }
            }

            if (attempt >= MaxAttempts)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InProgress, request.RequestId, Guid.Empty);
            }
        }
    }

    public async Task CompleteAsync(Guid ownerId, IdempotencyClaim claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(response);
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            """
            UPDATE idempotency.platform_idempotent_requests
               SET state = 'Completed', lock_id = NULL, locked_until = NULL, completed_at = $4, expires_at = $5,
                   response_status = $6, response_content_type = $7, response_location = $8, response_body = $9
             WHERE owner_id = $1 AND request_id = $2 AND state = 'InProgress' AND lock_id = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ownerId });
        command.Parameters.Add(new NpgsqlParameter { Value = claim.RequestId });
        command.Parameters.Add(new NpgsqlParameter { Value = claim.LockId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now + options.Value.Retention });
        command.Parameters.Add(new NpgsqlParameter { Value = response.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.ContentType ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Location ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Body });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(Guid ownerId, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var command = dataSource.CreateCommand(
            "DELETE FROM idempotency.platform_idempotent_requests WHERE owner_id = $1 AND request_id = $2 AND state = 'InProgress' AND lock_id = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = ownerId });
        command.Parameters.Add(new NpgsqlParameter { Value = claim.RequestId });
        command.Parameters.Add(new NpgsqlParameter { Value = claim.LockId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The <see cref="IIdempotentRequestStore"/> of one caller.</summary>
    public IIdempotentRequestStore For(Guid ownerId) => new OwnerStore(this, ownerId);

    private sealed class OwnerStore(PostgresPlatformIdempotentRequestStore store, Guid ownerId) : IIdempotentRequestStore
    {
        public Task<IdempotencyClaim> BeginAsync(IdempotentRequestKey request, CancellationToken cancellationToken) =>
            store.BeginAsync(ownerId, request, cancellationToken);

        public Task CompleteAsync(IdempotencyClaim claim, StoredResponse response, CancellationToken cancellationToken) =>
            store.CompleteAsync(ownerId, claim, response, cancellationToken);

        public Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken) =>
            store.ReleaseAsync(ownerId, claim, cancellationToken);
    }
}
