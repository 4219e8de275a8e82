using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Integrations;

namespace GccSaaS.Modules.Customers.Features.DemoSeed;

/// <summary>The demo's customer tenants, with fixed ids so links, tests and the README can name them.</summary>
internal static class DemoCustomers
{
    public static readonly Guid RelecloudTenantId = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c01");
    public const string RelecloudDomain = "relecloudgov.onmicrosoft.com";
    public const string RelecloudAdmin = "admin@relecloudgov.onmicrosoft.com";

    /// <summary>Demo data only: printed by the demo seed, never used anywhere real.</summary>
    public const string DemoPassword = "GccSaaS-Demo-2026!";
}

/// <summary>
/// Relecloud Government: a direct customer of the vendor with two subscriptions bought directly (R-REL-6), not
/// yet any provider's customer, so a new user can bring it in through a reseller relationship request (R-REL-4).
/// </summary>
internal sealed class SeedDemoCustomersHandler(CustomersDbContext db, TimeProvider clock) : IRequestHandler<SeedDemoCustomersCommand, int>
{
    public async Task<int> Handle(SeedDemoCustomersCommand request, CancellationToken cancellationToken)
    {
        if (await db.CustomerTenants.AnyAsync(t => t.Id == DemoCustomers.RelecloudTenantId, cancellationToken))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        db.CustomerTenants.Add(new CustomerTenant
        {
            Id = DemoCustomers.RelecloudTenantId,
            CompanyName = "Relecloud Government",
            Domain = DemoCustomers.RelecloudDomain,
            AddressLine1 = "1 Capitol Way",
            City = "Olympia",
            State = "WA",
            PostalCode = "98501",
            Country = "US",
            ContactFirstName = "Jordan",
            ContactLastName = "Reyes",
            Email = "it@relecloudgov.example",
            PhoneNumber = "+1 360 555 0100",
            Culture = "en-US",
            Language = "en",
            CreatedByTenantId = null,
            CreatedAt = now,
        });
        db.CustomerTenantAdmins.Add(new CustomerTenantAdmin
        {
            CustomerTenantId = DemoCustomers.RelecloudTenantId,
            UserName = DemoCustomers.RelecloudAdmin,
            PasswordHash = AuthenticateCustomerAdministratorHandler.Hash(DemoCustomers.DemoPassword),
            CredentialStamp = Guid.NewGuid(),
            CreatedAt = now,
        });
        db.DirectSubscriptions.AddRange(
            new DirectSubscription
            {
                CustomerTenantId = DemoCustomers.RelecloudTenantId,
                Id = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0d01"),
                OfferName = "Microsoft 365 E3",
                Quantity = 120,
                Status = "Active",
                AdvisorOfRecord = "Microsoft",
                PurchasedAt = now.AddMonths(-14),
            },
            new DirectSubscription
            {
                CustomerTenantId = DemoCustomers.RelecloudTenantId,
                Id = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0d02"),
                OfferName = "Power BI Pro",
                Quantity = 25,
                Status = "Active",
                AdvisorOfRecord = "Microsoft",
                PurchasedAt = now.AddMonths(-6),
            });
        await db.SaveChangesAsync(cancellationToken);
        return 4;
    }
}
