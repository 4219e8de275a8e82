using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Integrations;

namespace GccSaaS.Modules.Customers.Features.DemoSeed;

/// <summary>
/// Demo data (idempotent), sent in the demo tenant's scope: two customers of contoso-distribution associated with
/// Adatum Reseller, so a reseller user can buy at once (issue 14, R-ORD-3): City of Renton Water, validated for GCC
/// with the customer agreement recorded, and Lucerne Publishing, neither validated nor attested (its review shows
/// every refusal).
/// </summary>
internal sealed record SeedDemoResellerCustomersCommand(Guid TenantId, Guid ResellerOrganisationId) : IRequest<int>;

/// <summary>The demo's reseller customers, with fixed ids so the README and the tests can name them.</summary>
internal static class DemoResellerCustomers
{
    public static readonly Guid RentonWaterId = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c02");
    public static readonly Guid LucernePublishingId = Guid.Parse("7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c03");
}

internal sealed class SeedDemoResellerCustomersHandler(CustomersDbContext db, ITenantContextAccessor tenants, TimeProvider clock)
    : IRequestHandler<SeedDemoResellerCustomersCommand, int>
{
    private const string SeededBy = "Rowan Reseller"; // the demo reseller agent (DemoAccounts) added these customers

    public async Task<int> Handle(SeedDemoResellerCustomersCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new InvalidOperationException("Seed the demo reseller customers in the tenant's scope.");
        }

        if (await db.CustomerTenants.AnyAsync(t => t.Id == DemoResellerCustomers.RentonWaterId, cancellationToken))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        Add(request, DemoResellerCustomers.RentonWaterId, "City of Renton Water", "rentonwater", "1055 S Grady Way", "Renton", "98057", "Casey", "Nguyen", now);
        Add(request, DemoResellerCustomers.LucernePublishingId, "Lucerne Publishing", "lucernepublishing", "400 Pine St", "Seattle", "98101", "Robin", "Lee", now);

        // R-VAL-8, R-PC-1: Renton Water's GCC validation was approved; R-CUS-4, R-PC-6: its agreement is recorded.
        db.Qualifications.Add(new CustomerQualification
        {
            CustomerTenantId = DemoResellerCustomers.RentonWaterId,
            Qualification = CustomerQualifications.GovernmentCommunityCloud,
            VettingStatus = VettingStatus.Approved,
            RequestedByTenantId = request.TenantId,
            CreatedAt = now.AddDays(-3),
            UpdatedAt = now.AddDays(-2),
        });
        db.Agreements.Add(new CustomerAgreement
        {
            TenantId = request.TenantId,
            Id = Guid.CreateVersion7(),
            CustomerTenantId = DemoResellerCustomers.RentonWaterId,
            AgreementType = CustomerAgreementTypes.MicrosoftCustomerAgreement,
            ContactFirstName = "Casey",
            ContactLastName = "Nguyen",
            ContactEmail = "casey.nguyen@rentonwater.example",
            DateAgreed = now.AddDays(-2),
            RecordedByName = SeededBy,
            RecordedAt = now.AddDays(-2),
        });
        await db.SaveChangesAsync(cancellationToken);
        return 2;
    }

    private void Add(SeedDemoResellerCustomersCommand request, Guid id, string company, string domainName, string street, string city, string postalCode, string firstName, string lastName, DateTimeOffset now)
    {
        var domain = domainName + ".onmicrosoft.com";
        db.CustomerTenants.Add(new CustomerTenant
        {
            Id = id,
            CompanyName = company,
            Domain = domain,
            AddressLine1 = street,
            City = city,
            State = "WA",
            PostalCode = postalCode,
            Country = "US",
            ContactFirstName = firstName,
            ContactLastName = lastName,
            Email = "it@" + domainName + ".example",
            Culture = "en-US",
            Language = "en",
            CreatedByTenantId = request.TenantId,
            CreatedAt = now.AddDays(-3),
        });
        db.CustomerTenantAdmins.Add(new CustomerTenantAdmin
        {
            CustomerTenantId = id,
            UserName = "admin@" + domain,
            PasswordHash = AuthenticateCustomerAdministratorHandler.Hash(DemoCustomers.DemoPassword),
            CredentialStamp = Guid.NewGuid(),
            CreatedAt = now.AddDays(-3),
        });
        db.Customers.Add(new Customer
        {
            TenantId = request.TenantId,
            CustomerTenantId = id,
            CompanyName = company,
            SortName = company.ToLowerInvariant(),
            Domain = domain,
            ResellerOrganisationId = request.ResellerOrganisationId,
            Origin = CustomerOrigins.Created,
            CreatedByName = SeededBy,
            CreatedAt = now.AddDays(-3),
        });
        DelegatedAdmin.GrantProvider(db, request.TenantId, id, now.AddDays(-3));
        DelegatedAdmin.GrantReseller(db, request.TenantId, id, request.ResellerOrganisationId, now.AddDays(-3));
    }
}
