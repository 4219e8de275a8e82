using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Integrations;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

internal enum CustomerSignInResult
{
    Succeeded,
    Failed,
    LockedOut,
}

internal sealed record CustomerSignInOutcome(CustomerSignInResult Result, Guid CustomerTenantId, string UserName, string CompanyName, Guid CredentialStamp);

/// <summary>
/// The workspace's sign-in check (ADR 0020), throttled like the portal's: five failures in a row lock the
/// administrator out for 15 minutes; a success resets the count. An unknown user name and a wrong password get the
/// same answer and cost one hash verification alike. Each counter change is one atomic UPDATE, so parallel guesses
/// cannot slip past the limit.
/// </summary>
internal sealed class CustomerAdministratorSignIn(CustomersDbContext db, TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<CustomerSignInOutcome> CheckAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var name = (userName ?? string.Empty).Trim().ToLowerInvariant();
        var admin = name.Length == 0
            ? null
            : await db.CustomerTenantAdmins.FromSql($"SELECT * FROM customers.find_customer_admin({name})").AsNoTracking()
                .FirstOrDefaultAsync(a => a.UserName == name, cancellationToken); // the hash's only reader (ADR 0021)
        var valid = AuthenticateCustomerAdministratorHandler.Verify(admin, password ?? string.Empty);
        var failed = new CustomerSignInOutcome(CustomerSignInResult.Failed, Guid.Empty, name, string.Empty, Guid.Empty);
        if (admin is null)
        {
            return failed;
        }

        var now = clock.GetUtcNow();
        if (admin.LockedUntil is { } until && until > now)
        {
            return failed with { Result = CustomerSignInResult.LockedOut };
        }

        var id = admin.CustomerTenantId;
        if (!valid)
        {
            var lockedUntil = now + LockoutDuration;
            await db.CustomerTenantAdmins.Where(a => a.CustomerTenantId == id).ExecuteUpdateAsync(
                s => s
                    .SetProperty(a => a.LockedUntil, a => a.FailedSignIns + 1 >= MaxFailedSignIns ? lockedUntil : a.LockedUntil)
                    .SetProperty(a => a.FailedSignIns, a => a.FailedSignIns + 1 >= MaxFailedSignIns ? 0 : a.FailedSignIns + 1),
                cancellationToken);
            var locked = await db.CustomerTenantAdmins.AsNoTracking().Where(a => a.CustomerTenantId == id)
                .Select(a => a.LockedUntil).FirstOrDefaultAsync(cancellationToken);
            return failed with { Result = locked is { } l && l > now ? CustomerSignInResult.LockedOut : CustomerSignInResult.Failed };
        }

        if (admin.FailedSignIns != 0 || admin.LockedUntil is not null)
        {
            await db.CustomerTenantAdmins.Where(a => a.CustomerTenantId == id).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.LockedUntil, (DateTimeOffset?)null),
                cancellationToken);
        }

        var company = await db.CustomerTenants.AsNoTracking().Where(t => t.Id == id).Select(t => t.CompanyName).FirstOrDefaultAsync(cancellationToken);
        return new CustomerSignInOutcome(CustomerSignInResult.Succeeded, id, admin.UserName, company ?? string.Empty, admin.CredentialStamp);
    }
}
