namespace GccSaaS.Modules.Customers.Data;

internal sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options, ITenantContextAccessor tenants)
    : ModuleDbContext(options, tenants)
{
    public const string SchemaName = "customers";

    public override string Schema => SchemaName;

    /// <summary>Platform level: reached for a provider only through its own <see cref="Customers"/> rows.</summary>
    public DbSet<CustomerTenant> CustomerTenants => Set<CustomerTenant>();

    public DbSet<CustomerTenantAdmin> CustomerTenantAdmins => Set<CustomerTenantAdmin>();

    public DbSet<CustomerQualification> Qualifications => Set<CustomerQualification>();

    public DbSet<DirectSubscription> DirectSubscriptions => Set<DirectSubscription>();

    public DbSet<Customer> Customers => Set<Customer>();

    /// <summary>The words of the customers' names and their domains (the search by any word, issue 16).</summary>
    public DbSet<CustomerNameWord> NameWords => Set<CustomerNameWord>();

    public DbSet<DelegatedAdminGrant> DelegatedAdminGrants => Set<DelegatedAdminGrant>();

    public DbSet<CustomerAgreement> Agreements => Set<CustomerAgreement>();

    public DbSet<CustomerTenantProvider> CustomerTenantProviders => Set<CustomerTenantProvider>();

    public DbSet<CustomerUser> CustomerUsers => Set<CustomerUser>();

    public DbSet<LicenseAssignment> LicenseAssignments => Set<LicenseAssignment>();

    public DbSet<CustomerActivity> CustomerActivities => Set<CustomerActivity>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
    }
}
