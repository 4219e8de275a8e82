using GccSaaS.Modules.Validation.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Validation.Data;

/// <summary>validation.cases: platform-level, no tenant_id (docs/adr/0010-validation-cases.md).</summary>
internal sealed class ValidationCaseConfiguration : IEntityTypeConfiguration<ValidationCase>
{
    public void Configure(EntityTypeBuilder<ValidationCase> b)
    {
        b.ToTable("cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.PartnerName).HasMaxLength(300);
        b.Property(c => c.SubmittedByName).HasMaxLength(300);
        b.Property(c => c.DecisionReason).HasMaxLength(4000);
        b.Property(c => c.ContractVehicles).HasMaxLength(4000);
        b.Property(c => c.CustomerLegalName).HasMaxLength(300);
        b.Property(c => c.CustomerDomain).HasMaxLength(255);
        b.Property(c => c.CustomerAddress).HasMaxLength(1000);
        b.Property(c => c.CustomerContactName).HasMaxLength(300);
        b.Property(c => c.CustomerContactEmail).HasMaxLength(320);
        b.Property(c => c.CustomerContactPhone).HasMaxLength(50);
        b.Property(c => c.EligibilityCategory).HasConversion<string>().HasMaxLength(60);
        b.Property(c => c.Culture).HasMaxLength(10);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.CaseId);
        b.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(c => new { c.SubmittedByTenantId, c.SubmittedAt });
        b.HasIndex(c => new { c.DueAt, c.Id });
    }
}

internal sealed class ValidationCaseEventConfiguration : IEntityTypeConfiguration<ValidationCaseEvent>
{
    public void Configure(EntityTypeBuilder<ValidationCaseEvent> b)
    {
        b.ToTable("case_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        b.Property(e => e.FromState).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ToState).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ActorName).HasMaxLength(300);
        b.Property(e => e.Message).HasMaxLength(4000);
        b.HasIndex(e => new { e.CaseId, e.Sequence }).IsUnique();
    }
}

/// <summary>validation.validation_codes: tenant-owned, RLS.</summary>
internal sealed class ValidationCodeConfiguration : IEntityTypeConfiguration<ValidationCode>
{
    public void Configure(EntityTypeBuilder<ValidationCode> b)
    {
        b.ToTable("validation_codes");
        b.HasKey(c => new { c.TenantId, c.ValidationId });
        b.Property(c => c.ValidationId).HasMaxLength(40);
        b.Property(c => c.PartnerId).HasMaxLength(40);
        b.Property(c => c.OrganizationName).HasMaxLength(300);
        b.HasIndex(c => new { c.TenantId, c.CaseId }).IsUnique();
    }
}

/// <summary>validation.validation_code_uses: tenant-owned, RLS.</summary>
internal sealed class ValidationCodeUseConfiguration : IEntityTypeConfiguration<ValidationCodeUse>
{
    public void Configure(EntityTypeBuilder<ValidationCodeUse> b)
    {
        b.ToTable("validation_code_uses");
        b.HasKey(u => new { u.TenantId, u.Id });
        b.Property(u => u.ValidationId).HasMaxLength(40);
        b.HasIndex(u => new { u.TenantId, u.ValidationId, u.CustomerTenantId }).IsUnique();
    }
}

/// <summary>validation.sla_reminders: platform-level, one row per case and business day.</summary>
internal sealed class ValidationSlaReminderConfiguration : IEntityTypeConfiguration<ValidationSlaReminder>
{
    public void Configure(EntityTypeBuilder<ValidationSlaReminder> b)
    {
        b.ToTable("sla_reminders");
        b.HasKey(r => new { r.CaseId, r.BusinessDay });
    }
}
