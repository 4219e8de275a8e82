using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Customers.Data;

/// <summary>customers.customer_tenants: platform level (docs/adr/0014-customers.md).</summary>
internal sealed class CustomerTenantConfiguration : IEntityTypeConfiguration<CustomerTenant>
{
    public void Configure(EntityTypeBuilder<CustomerTenant> b)
    {
        b.ToTable("customer_tenants");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.CompanyName).HasMaxLength(300);
        b.Property(t => t.Domain).HasMaxLength(255);
        b.Property(t => t.AddressLine1).HasMaxLength(200);
        b.Property(t => t.AddressLine2).HasMaxLength(200);
        b.Property(t => t.City).HasMaxLength(100);
        b.Property(t => t.State).HasMaxLength(50);
        b.Property(t => t.PostalCode).HasMaxLength(20);
        b.Property(t => t.Country).HasMaxLength(2);
        b.Property(t => t.ContactFirstName).HasMaxLength(50);
        b.Property(t => t.ContactLastName).HasMaxLength(50);
        b.Property(t => t.Email).HasMaxLength(320);
        b.Property(t => t.PhoneNumber).HasMaxLength(50);
        b.Property(t => t.Culture).HasMaxLength(10);
        b.Property(t => t.Language).HasMaxLength(2);
        b.HasIndex(t => t.Domain).IsUnique();
    }
}

internal sealed class CustomerTenantAdminConfiguration : IEntityTypeConfiguration<CustomerTenantAdmin>
{
    public void Configure(EntityTypeBuilder<CustomerTenantAdmin> b)
    {
        b.ToTable("customer_tenant_admins");
        b.HasKey(a => a.CustomerTenantId);
        b.Property(a => a.UserName).HasMaxLength(320);
        b.Property(a => a.PasswordHash).HasMaxLength(400);
        b.HasIndex(a => a.UserName).IsUnique();
        b.Property(a => a.CredentialStamp).HasDefaultValueSql("gen_random_uuid()");
        b.HasOne<CustomerTenant>().WithOne().HasForeignKey<CustomerTenantAdmin>(a => a.CustomerTenantId);
    }
}

internal sealed class CustomerQualificationConfiguration : IEntityTypeConfiguration<CustomerQualification>
{
    public void Configure(EntityTypeBuilder<CustomerQualification> b)
    {
        b.ToTable("customer_qualifications");
        b.HasKey(q => new { q.CustomerTenantId, q.Qualification });
        b.Property(q => q.Qualification).HasMaxLength(40);
        b.Property(q => q.VettingStatus).HasMaxLength(20);
        b.Property(q => q.VettingReason).HasMaxLength(1000);
        b.Property(q => q.ValidationCode).HasMaxLength(40);
        b.HasOne<CustomerTenant>().WithMany().HasForeignKey(q => q.CustomerTenantId);
    }
}

internal sealed class DirectSubscriptionConfiguration : IEntityTypeConfiguration<DirectSubscription>
{
    public void Configure(EntityTypeBuilder<DirectSubscription> b)
    {
        b.ToTable("direct_subscriptions");
        b.HasKey(s => new { s.CustomerTenantId, s.Id });
        b.Property(s => s.OfferName).HasMaxLength(200);
        b.Property(s => s.Status).HasMaxLength(20);
        b.Property(s => s.AdvisorOfRecord).HasMaxLength(300);
        b.HasOne<CustomerTenant>().WithMany().HasForeignKey(s => s.CustomerTenantId);
    }
}

/// <summary>customers.customers: tenant-owned, RLS.</summary>
internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers");
        b.HasKey(c => new { c.TenantId, c.CustomerTenantId });
        b.Property(c => c.CompanyName).HasMaxLength(300);
        b.Property(c => c.SortName).HasMaxLength(300);
        b.Property(c => c.Domain).HasMaxLength(255);
        b.Property(c => c.Origin).HasMaxLength(20);
        b.Property(c => c.CreatedByName).HasMaxLength(300);
        b.HasIndex(c => new { c.TenantId, c.SortName, c.CustomerTenantId });
        b.HasIndex(c => new { c.TenantId, c.ResellerOrganisationId, c.SortName, c.CustomerTenantId });
        b.HasIndex(c => new { c.TenantId, c.Domain });
        b.HasIndex(c => new { c.TenantId, c.CreatedRequestId }).IsUnique();
    }
}

internal sealed class CustomerNameWordConfiguration : IEntityTypeConfiguration<CustomerNameWord>
{
    public void Configure(EntityTypeBuilder<CustomerNameWord> b)
    {
        b.ToTable("customer_name_words");
        b.HasKey(w => new { w.TenantId, w.Word, w.CustomerTenantId });
        b.Property(w => w.Word).HasMaxLength(300);
    }
}

internal sealed class DelegatedAdminGrantConfiguration : IEntityTypeConfiguration<DelegatedAdminGrant>
{
    public void Configure(EntityTypeBuilder<DelegatedAdminGrant> b)
    {
        b.ToTable("delegated_admin_grants");
        b.HasKey(g => new { g.TenantId, g.CustomerTenantId, g.GranteeKind });
        b.Property(g => g.GranteeKind).HasMaxLength(20);
        b.HasOne<Customer>().WithMany().HasForeignKey(g => new { g.TenantId, g.CustomerTenantId });
    }
}

internal sealed class CustomerAgreementConfiguration : IEntityTypeConfiguration<CustomerAgreement>
{
    public void Configure(EntityTypeBuilder<CustomerAgreement> b)
    {
        b.ToTable("agreements");
        b.HasKey(a => new { a.TenantId, a.Id });
        b.Property(a => a.AgreementType).HasMaxLength(40);
        b.Property(a => a.ContactFirstName).HasMaxLength(50);
        b.Property(a => a.ContactLastName).HasMaxLength(50);
        b.Property(a => a.ContactEmail).HasMaxLength(320);
        b.Property(a => a.ContactPhone).HasMaxLength(50);
        b.Property(a => a.RecordedByName).HasMaxLength(300);
        b.HasIndex(a => new { a.TenantId, a.CustomerTenantId, a.AgreementType }); // + ux_agreements_contact (migration, lower(email))
        b.HasOne<Customer>().WithMany().HasForeignKey(a => new { a.TenantId, a.CustomerTenantId });
    }
}

internal sealed class CustomerTenantProviderConfiguration : IEntityTypeConfiguration<CustomerTenantProvider>
{
    public void Configure(EntityTypeBuilder<CustomerTenantProvider> b)
    {
        b.ToTable("customer_tenant_providers");
        b.HasKey(p => new { p.CustomerTenantId, p.ProviderTenantId });
        b.HasOne<CustomerTenant>().WithMany().HasForeignKey(p => p.CustomerTenantId);
    }
}

/// <summary>customers.customer_users: owned by the customer tenant, RLS.</summary>
internal sealed class CustomerUserConfiguration : IEntityTypeConfiguration<CustomerUser>
{
    public void Configure(EntityTypeBuilder<CustomerUser> b)
    {
        b.ToTable("customer_users");
        b.HasKey(u => new { u.TenantId, u.Id });
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Email).HasMaxLength(320);
        b.HasIndex(u => new { u.TenantId, u.Email }).IsUnique();
    }
}

/// <summary>customers.license_assignments: owned by the customer tenant, RLS.</summary>
internal sealed class LicenseAssignmentConfiguration : IEntityTypeConfiguration<LicenseAssignment>
{
    public void Configure(EntityTypeBuilder<LicenseAssignment> b)
    {
        b.ToTable("license_assignments");
        b.HasKey(a => new { a.TenantId, a.ProductId, a.UserId });
        b.Property(a => a.ProductId).HasMaxLength(60);
        b.HasOne<CustomerUser>().WithMany().HasForeignKey(a => new { a.TenantId, a.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>customers.customer_activity: owned by the customer tenant, RLS, append-only.</summary>
internal sealed class CustomerActivityConfiguration : IEntityTypeConfiguration<CustomerActivity>
{
    public void Configure(EntityTypeBuilder<CustomerActivity> b)
    {
        b.ToTable("customer_activity");
        b.HasKey(a => new { a.TenantId, a.Id });
        b.Property(a => a.Action).HasMaxLength(60);
        b.Property(a => a.Detail).HasMaxLength(400);
        b.Property(a => a.Actor).HasMaxLength(320);
        b.HasIndex(a => new { a.TenantId, a.At, a.Id });
    }
}
