using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Relationships.Data;

internal sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b)
    {
        b.ToTable("partnerships");
        b.HasKey(p => new { p.TenantId, p.Id });
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.ResellerName).HasMaxLength(200);
        b.Property(p => p.PartnerId).HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.RemovedByName).HasMaxLength(300);
        b.Property(p => p.AttestationVersion).HasMaxLength(20);
        b.Property(p => p.AttestationText).HasMaxLength(4000);
    }
}

internal sealed class PartnershipNameWordConfiguration : IEntityTypeConfiguration<PartnershipNameWord>
{
    public void Configure(EntityTypeBuilder<PartnershipNameWord> b)
    {
        b.ToTable("partnership_name_words");
        b.HasKey(w => new { w.TenantId, w.Word, w.PartnershipId });
        b.Property(w => w.Word).HasMaxLength(200);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.HasKey(i => new { i.TenantId, i.Id });
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.InvitedEmail).HasMaxLength(320);
        b.Property(i => i.CreatedByName).HasMaxLength(300);
        b.Property(i => i.Culture).HasMaxLength(10);
        b.Property(i => i.AcceptedBy).HasMaxLength(320);
        b.Property(i => i.ProtectedLinkToken).HasMaxLength(1000);
    }
}

internal sealed class InvitationReminderConfiguration : IEntityTypeConfiguration<InvitationReminder>
{
    public void Configure(EntityTypeBuilder<InvitationReminder> b)
    {
        b.ToTable("invitation_reminders");
        b.HasKey(r => new { r.TenantId, r.InvitationId, r.SendNumber, r.DaysBefore });
    }
}

internal sealed class InvitationSettingsConfiguration : IEntityTypeConfiguration<InvitationSettings>
{
    public void Configure(EntityTypeBuilder<InvitationSettings> b)
    {
        b.ToTable("invitation_settings");
        b.HasKey(s => s.TenantId);
        b.Property(s => s.ReminderDaysBefore).HasColumnType("integer[]");
    }
}
