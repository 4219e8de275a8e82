using GccSaaS.BuildingBlocks.Abuse;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Integrations;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

internal enum CustomerSignInResult
{
    Succeeded,
    Failed,
}

internal sealed record CustomerSignInOutcome(CustomerSignInResult Result, Guid CustomerTenantId, string UserName, string CompanyName, Guid CredentialStamp);

/// <summary>
/// The workspace's sign-in check (ADR 0020). An unknown user name and a wrong password get the same answer and cost
/// one hash verification alike. Guessing is throttled by the page (the shared <c>GuessThrottle</c>, budget
/// <see cref="Form"/>, issue 18): per administrator name from anywhere and per source address, growing delays, never
/// a lockout of the account.
/// </summary>
internal sealed class CustomerAdministratorSignIn(CustomersDbContext db)
{
    /// <summary>The throttle's budget for a customer administrator's password, on every page that asks for it.</summary>
    public const string Form = GuessForms.CustomerAdministrator;

    public async Task<CustomerSignInOutcome> CheckAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var name = (userName ?? string.Empty).Trim().ToLowerInvariant();
        var admin = name.Length == 0
            ? null
            : await db.CustomerTenantAdmins.FromSql($"SELECT * FROM customers.find_customer_admin({name})").AsNoTracking()
                .FirstOrDefaultAsync(a => a.UserName == name, cancellationToken); // the hash's only reader (ADR 0021)
        var valid = AuthenticateCustomerAdministratorHandler.Verify(admin, password ?? string.Empty);
        if (admin is null || !valid)
        {
            return new CustomerSignInOutcome(CustomerSignInResult.Failed, Guid.Empty, name, string.Empty, Guid.Empty);
        }

        var id = admin.CustomerTenantId;
        var company = await db.CustomerTenants.AsNoTracking().Where(t => t.Id == id).Select(t => t.CompanyName).FirstOrDefaultAsync(cancellationToken);
        return new CustomerSignInOutcome(CustomerSignInResult.Succeeded, id, admin.UserName, company ?? string.Empty, admin.CredentialStamp);
    }

    /// <summary>
    /// Signing out renews the credential stamp, so every session of the administrator ends with it, a cookie copied
    /// before included (the cookie's stamp is checked on each request; issue 18).
    /// </summary>
    public Task<int> EndSessionsAsync(Guid customerTenantId, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"SELECT customers.renew_customer_admin_stamp({customerTenantId}) AS \"Value\"") // ADR 0021
            .SingleAsync(cancellationToken);
}
