using GccSaaS.BuildingBlocks.Data;
using GccSaaS.Host.Identity.Data;
using MediatR;

namespace GccSaaS.Host.Identity;

/// <summary>
/// The identity DbContext shares the scope's connection (<see cref="DatabaseSession"/>); here it joins the
/// transaction of the request it serves, so an identity change commits together with what the modules write for it
/// (their rows, outbox and audit entries) or not at all (ADR 0017).
/// </summary>
internal sealed class IdentityTransactionBehavior<TRequest, TResponse>(IServiceProvider services, DatabaseSession session)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (typeof(TRequest).Assembly == typeof(IdentityTransactionBehavior<,>).Assembly && session.Transaction is not null)
        {
            session.Join(services.GetRequiredService<GccSaaSIdentityDbContext>());
        }

        return await next();
    }
}
