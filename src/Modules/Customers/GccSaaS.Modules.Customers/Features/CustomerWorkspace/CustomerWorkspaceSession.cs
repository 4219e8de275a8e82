using GccSaaS.Modules.Customers.Data;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <summary>The signed-in customer of the workspace (from the principal only: no page or route names a customer).</summary>
internal sealed record WorkspaceCustomer(Guid Id, string CompanyName, string Domain, string UserName);

/// <summary>
/// Who the workspace serves on this request, and its tenant scope: the customer tenant's own id, so every row the
/// workspace reads or writes in its own tables is fenced by row-level security to that customer (ADR 0020).
/// </summary>
internal sealed class CustomerWorkspaceSession(IHttpContextAccessor http, CustomersDbContext db, ITenantContextAccessor tenants)
{
    public async Task<WorkspaceCustomer?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (http.HttpContext?.User is not { } user || CustomerWorkspaceAuthentication.CustomerTenantOf(user) is not { } id)
        {
            return null;
        }

        return await db.CustomerTenants.AsNoTracking()
            .Where(t => t.Id == id)
            .Join(db.CustomerTenantAdmins, t => t.Id, a => a.CustomerTenantId, (t, a) => new WorkspaceCustomer(t.Id, t.CompanyName, t.Domain, a.UserName))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public IDisposable Enter(WorkspaceCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return tenants.BeginScope(CustomerWorkspaceAuthentication.TenantOf(customer.Id, customer.CompanyName));
    }
}
