using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Identity.Data;

namespace GccSaaS.Modules.Identity;

/// <summary>
/// The identity DbContext shares the scope's connection (<see cref="DatabaseSession"/>); here it joins the
/// transaction of the request it serves, so an identity change commits together with what the modules write for it
/// (their rows, outbox and audit entries) or not at all (ADR 0017). Only Identity's own requests (its implementation
/// and its Contracts) touch the identity store, so only they join it here; the mediator runs this step inside the
/// platform's transaction step.
/// </summary>
internal sealed class IdentityTransactionBehavior<TRequest, TResponse>(IServiceProvider services, DatabaseSession session)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var assembly = typeof(TRequest).Assembly;
        if ((assembly == typeof(IdentityTransactionBehavior<,>).Assembly || assembly == typeof(GetMembershipQuery).Assembly)
            && session.Transaction is not null)
        {
            session.Join(services.GetRequiredService<GccSaaSIdentityDbContext>());
        }

        return await next();
    }
}
