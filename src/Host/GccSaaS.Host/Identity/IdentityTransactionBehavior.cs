using GccSaaS.Host.Identity.Data;
using GccSaaS.Host.Shell.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GccSaaS.Host.Identity;

/// <summary>
/// Host commands run in a transaction of the shell's DbContext (TransactionBehavior). The identity
/// DbContext shares the shell's connection (see IdentityRegistration), and here it joins that transaction,
/// so an identity change commits together with what the shell writes for it (its outbox, its audit entry)
/// or not at all.
/// </summary>
internal sealed class IdentityTransactionBehavior<TRequest, TResponse>(IServiceProvider services) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (typeof(TRequest).Assembly != typeof(IdentityTransactionBehavior<,>).Assembly)
        {
            return await next();
        }

        var shell = services.GetRequiredService<ShellDbContext>();
        var identity = services.GetRequiredService<GccSaaSIdentityDbContext>();
        if (shell.Database.CurrentTransaction is not { } transaction || identity.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        await identity.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        try
        {
            return await next();
        }
        finally
        {
            await identity.Database.UseTransactionAsync(null, cancellationToken);
        }
    }
}
