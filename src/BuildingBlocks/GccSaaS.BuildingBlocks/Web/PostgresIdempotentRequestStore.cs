using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>How long claims and answers are kept (configuration section <c>Idempotency</c>).</summary>
internal sealed class IdempotencyOptions
{
    /// <summary>A claim still in progress after this is presumed abandoned by a crashed host and may be taken over.</summary>
    public TimeSpan InProgressTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an answer is kept for replay; afterwards the id may start a new request.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired records are deleted (<see cref="IdempotentRequestSweepJob"/>).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// <see cref="IIdempotentRequestStore"/> over <c>idempotency.idempotent_requests</c> (<see cref="IdempotencyDbContext"/>). Every step is one guarded
/// statement committed on its own (not in the handler's transaction), so a concurrent request sees a claim
/// at once: the claim is an insert that does nothing on conflict, a takeover and a completion are updates
/// that only match while their condition still holds. Uses its own DbContext so the handler's context and
/// transaction are never touched.
/// </summary>
internal sealed class PostgresIdempotentRequestStore(
    IServiceScopeFactory scopes,
    ITenantContextAccessor tenants,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options) : IIdempotentRequestStore
{
    private const int MaxAttempts = 3;

    public async Task<IdempotencyClaim> BeginAsync(IdempotentRequestKey request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdempotencyDbContext>();
        var set = db.Requests;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var lockId = Guid.NewGuid();
            var lockedUntil = now + options.Value.InProgressTimeout;
            var expiresAt = now + options.Value.Retention;
            var correlationId = CorrelationContext.Current;
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO idempotency.idempotent_requests
                    (tenant_id, request_id, request_hash, method, path, state, lock_id, locked_until, created_at, expires_at, correlation_id)
                VALUES ({tenant.Id}, {request.RequestId}, {request.RequestHash}, {request.Method}, {Truncate(request.Path, 2048)},
                        {nameof(IdempotentRequestState.InProgress)}, {lockId}, {lockedUntil}, {now}, {expiresAt}, {correlationId})
                ON CONFLICT (tenant_id, request_id) DO NOTHING
                """,
                cancellationToken);
            if (inserted == 1)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Claimed, request.RequestId, lockId);
            }

            var existing = await set.AsNoTracking().SingleOrDefaultAsync(r => r.RequestId == request.RequestId, cancellationToken);
            if (existing is null)
            {
                if (attempt < MaxAttempts)
                {
                    continue; // released between our insert and read: claim again
                }

                return new IdempotencyClaim(IdempotencyOutcome.InProgress, request.RequestId, Guid.Empty);
            }

            var forgotten = existing.ExpiresAt <= now;
            var sameRequest = existing.RequestHash.AsSpan().SequenceEqual(request.RequestHash);
            if (!forgotten && !sameRequest)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch, request.RequestId, Guid.Empty);
            }

            if (!forgotten && existing.State == IdempotentRequestState.Completed)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Replay, request.RequestId, Guid.Empty, new StoredResponse(
                    existing.ResponseStatus ?? StatusCodes.Status200OK, existing.ResponseContentType, existing.ResponseLocation, existing.ResponseBody ?? []));
            }

            if (!forgotten && existing.LockedUntil > now)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InProgress, request.RequestId, Guid.Empty);
            }

            // Forgotten, or claimed by a request that has not finished in time (its host died): take it over.
            // The condition is checked again by the update, so of two racing takeovers only one matches.
            var takenOver = await set
                .Where(r => r.RequestId == request.RequestId
                    && (r.ExpiresAt <= now || (r.State == IdempotentRequestState.InProgress && r.LockedUntil <= now)))
                .ExecuteUpdateAsync(
                    s => s
                        .SetProperty(r => r.RequestHash, request.RequestHash)
                        .SetProperty(r => r.Method, request.Method)
                        .SetProperty(r => r.Path, Truncate(request.Path, 2048))
                        .SetProperty(r => r.State, IdempotentRequestState.InProgress)
                        .SetProperty(r => r.LockId, lockId)
                        .SetProperty(r => r.LockedUntil, lockedUntil)
                        .SetProperty(r => r.CreatedAt, now)
                        .SetProperty(r => r.CompletedAt, (DateTimeOffset?)null)
                        .SetProperty(r => r.ExpiresAt, expiresAt)
                        .SetProperty(r => r.ResponseStatus, (int?)null)
                        .SetProperty(r => r.ResponseContentType, (string?)null)
                        .SetProperty(r => r.ResponseLocation, (string?)null)
                        .SetProperty(r => r.ResponseBody, (byte[]?)null)
                        .SetProperty(r => r.CorrelationId, correlationId),
                    cancellationToken);
            if (takenOver == 1)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Claimed, request.RequestId, lockId);
            }

            if (attempt >= MaxAttempts)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InProgress, request.RequestId, Guid.Empty);
            }
        }
    }

    public async Task CompleteAsync(IdempotencyClaim claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(response);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdempotencyDbContext>();
        var now = clock.GetUtcNow();
        // Matches only while this request still owns the claim; a request taken over as stale stores nothing.
        await Owned(db, claim).ExecuteUpdateAsync(
            s => s
                .SetProperty(r => r.State, IdempotentRequestState.Completed)
                .SetProperty(r => r.LockId, (Guid?)null)
                .SetProperty(r => r.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.CompletedAt, now)
                .SetProperty(r => r.ExpiresAt, now + options.Value.Retention)
                .SetProperty(r => r.ResponseStatus, response.StatusCode)
                .SetProperty(r => r.ResponseContentType, response.ContentType)
                .SetProperty(r => r.ResponseLocation, response.Location)
                .SetProperty(r => r.ResponseBody, response.Body),
            cancellationToken);
    }

    public async Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdempotencyDbContext>();
        await Owned(db, claim).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<IdempotentRequest> Owned(IdempotencyDbContext db, IdempotencyClaim claim) =>
        db.Requests.Where(r =>
            r.RequestId == claim.RequestId && r.State == IdempotentRequestState.InProgress && r.LockId == claim.LockId);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
