namespace GccSaaS.BuildingBlocks.Security;

/// <summary>A member of a tenant, as notifications and dashboards need to address and count them.</summary>
public sealed record TenantMember(Guid UserId, string DisplayName, string Email, string Role, Guid? ResellerOrganisationId);

/// <summary>Who belongs to a tenant (implemented by the host's identity area).</summary>
public interface ITenantDirectory
{
    /// <summary>Members of the tenant, optionally only those holding <paramref name="role"/>.</summary>
    Task<IReadOnlyList<TenantMember>> ListMembersAsync(Guid tenantId, string? role = null, CancellationToken cancellationToken = default);
}
