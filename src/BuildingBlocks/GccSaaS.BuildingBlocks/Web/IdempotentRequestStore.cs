namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// Where <c>MS-RequestId</c> records live: one per tenant and request id, claimed before the handler runs
/// and completed with its response. The host implements it over a tenant-fenced table.
/// </summary>
public interface IIdempotentRequestStore
{
    /// <summary>
    /// Claims the id for this request, or says why not: the same request already answered (replay), the
    /// same id with another request (mismatch), or the first request still running (in progress).
    /// A claim left by a crashed host is taken over once it is stale.
    /// </summary>
    Task<IdempotencyClaim> BeginAsync(IdempotentRequestKey request, CancellationToken cancellationToken);

    /// <summary>Stores the response of a claimed request, so retries get it back.</summary>
    Task CompleteAsync(IdempotencyClaim claim, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Gives a claim up (the request failed with no final answer), so a retry runs afresh.</summary>
    Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken);
}

/// <summary>What identifies a write: its id, and a SHA-256 over method, path, query and body.</summary>
public sealed record IdempotentRequestKey(Guid RequestId, byte[] RequestHash, string Method, string Path);

public enum IdempotencyOutcome
{
    /// <summary>This request owns the id now: run it.</summary>
    Claimed,

    /// <summary>The same request was answered before: send <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay,

    /// <summary>The id belongs to a different request (other body, path or method): 400 on /v1.</summary>
    Mismatch,

    /// <summary>The first request with this id is still running: 409.</summary>
    InProgress,
}

/// <summary>The store's answer to <see cref="IIdempotentRequestStore.BeginAsync"/>; <see cref="LockId"/> proves ownership.</summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, Guid RequestId, Guid LockId, StoredResponse? Response = null);

/// <summary>A response as stored for replay.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
