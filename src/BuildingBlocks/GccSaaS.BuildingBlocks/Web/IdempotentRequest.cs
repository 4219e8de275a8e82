using GccSaaS.BuildingBlocks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// One <c>MS-RequestId</c> of one tenant (R-PC-10): claimed while the write runs, then holding its answer for
/// replay until <see cref="ExpiresAt"/>. Table <c>idempotency.idempotent_requests</c>, fenced by row-level security.
/// </summary>
internal sealed class IdempotentRequest : ITenantOwned
{
    public Guid TenantId { get; init; }

    public Guid RequestId { get; init; }

    /// <summary>SHA-256 over method, path with query and body: what "the same request" means.</summary>
    public required byte[] RequestHash { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public IdempotentRequestState State { get; init; }

    /// <summary>Proves which request owns an in-progress claim; only the owner completes or releases it.</summary>
    public Guid? LockId { get; init; }

    /// <summary>After this a still in-progress claim is presumed abandoned (crashed host) and may be taken over.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>After this the id is forgotten and may start a new request.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public int? ResponseStatus { get; init; }

    public string? ResponseContentType { get; init; }

    public string? ResponseLocation { get; init; }

    public byte[]? ResponseBody { get; init; }

    public string? CorrelationId { get; init; }
}

internal enum IdempotentRequestState
{
    InProgress,
    Completed,
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public const string Table = "idempotent_requests";

    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(Table);
        builder.HasKey(r => new { r.TenantId, r.RequestId });
        builder.Property(r => r.Method).HasMaxLength(16);
        builder.Property(r => r.Path).HasMaxLength(2048);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ResponseContentType).HasMaxLength(256);
        builder.Property(r => r.ResponseLocation).HasMaxLength(2048);
        builder.Property(r => r.CorrelationId).HasMaxLength(128);
        builder.HasIndex(r => new { r.TenantId, r.ExpiresAt });
    }
}
