using GccSaaS.Modules.Partners.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GccSaaS.Modules.Partners.Data;

/// <summary>R-PAR-5 listing change requests: platform level, the requesting tenant a plain column (ADR 0011).</summary>
internal sealed class ListingChangeRequestConfiguration : IEntityTypeConfiguration<ListingChangeRequest>
{
    public void Configure(EntityTypeBuilder<ListingChangeRequest> builder)
    {
        builder.ToTable("listing_change_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Text).HasMaxLength(ListingRequestRules.MaxTextLength);
        builder.Property(r => r.DecisionReason).HasMaxLength(ListingRequestRules.MaxTextLength);
        builder.HasOne<PartnerOrganisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.OrganisationId).IsUnique().HasFilter("state = 'Open'");
        builder.HasIndex(r => new { r.RequestedByTenantId, r.RequestedAt, r.Id });
        builder.HasIndex(r => new { r.State, r.RequestedAt, r.Id });
    }
}
