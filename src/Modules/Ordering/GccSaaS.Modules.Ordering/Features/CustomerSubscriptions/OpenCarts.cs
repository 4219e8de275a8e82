using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;

namespace GccSaaS.Modules.Ordering.Features.CustomerSubscriptions;

internal sealed record OpenCartDto(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int LineCount, string LastModifiedBy);

/// <summary>R-PC-8: a customer's carts that can still be bought (active, not expired), newest first, so a review left half-way is found again.</summary>
internal sealed record ListOpenCartsQuery(Guid TenantId, Guid CustomerId, int Take) : IRequest<IReadOnlyList<OpenCartDto>>;

internal sealed class ListOpenCartsHandler(OrderingDbContext db, OrderingScope scope, TimeProvider clock)
    : IRequestHandler<ListOpenCartsQuery, IReadOnlyList<OpenCartDto>>
{
    public async Task<IReadOnlyList<OpenCartDto>> Handle(ListOpenCartsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await scope.CustomerAsync(request.TenantId, request.CustomerId, cancellationToken);
        var now = clock.GetUtcNow();
        return await db.Carts.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.CustomerId == request.CustomerId && c.Status == CartStatuses.Active && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt)
            .Take(request.Take)
            .Select(c => new OpenCartDto(c.Id, c.CreatedAt, c.ExpiresAt, c.LineItems.Count, c.LastModifiedBy))
            .ToListAsync(cancellationToken);
    }
}
