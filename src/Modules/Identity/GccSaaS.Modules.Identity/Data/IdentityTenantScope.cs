namespace GccSaaS.Modules.Identity.Data;

/// <summary>
/// Identity's tenant tables are under row-level security (ADR 0021). A few commands write a tenant's rows while the
/// request is in no tenant or another one (the Platform admin creates a tenant with its first invitation, the demo
/// seed grants memberships in several tenants): they switch the open transaction's tenant for those writes and
/// switch back, as a nested request in another tenant's scope does.
/// </summary>
internal static class IdentityTenantScope
{
    public static async Task<T> InTenantAsync<T>(this DatabaseSession session, Guid tenantId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(work);
        if (session.Transaction is null)
        {
            throw new InvalidOperationException("Writing another tenant's identity rows needs the command's transaction.");
        }

        var outer = session.TransactionTenantId;
        await session.SetTransactionTenantAsync(tenantId, cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            await session.SetTransactionTenantAsync(outer, CancellationToken.None);
        }
    }
}
