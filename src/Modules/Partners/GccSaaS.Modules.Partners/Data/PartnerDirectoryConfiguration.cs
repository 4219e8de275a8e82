using GccSaaS.Modules.Partners.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Partners.Data;

/// <summary>The partner directory: platform level, no tenant column, no row-level security (ADR 0009).</summary>
internal sealed class PartnerOrganisationConfiguration : IEntityTypeConfiguration<PartnerOrganisation>
{
    public void Configure(EntityTypeBuilder<PartnerOrganisation> builder)
    {
        builder.ToTable("partner_organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.LegalName).HasMaxLength(200);
        builder.Property(o => o.PartnerId).HasMaxLength(20);
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.CountryCode).HasMaxLength(2);
        builder.Property(o => o.CspRegion).HasMaxLength(10);
        builder.Property(o => o.Qualifications).HasColumnType("text[]");
        builder.Ignore(o => o.ListingStatus);
        builder.HasIndex(o => o.PartnerId).IsUnique();
        builder.HasIndex(o => o.CommercialTenantId).IsUnique();
        builder.HasIndex(o => o.WorkspaceTenantId).IsUnique();
        builder.HasIndex(o => new { o.LegalName, o.Id });
    }
}
