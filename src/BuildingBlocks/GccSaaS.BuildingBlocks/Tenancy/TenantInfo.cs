namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>One indirect provider's workspace, as the platform stores it (Finbuckle's vocabulary).</summary>
public sealed record TenantInfo(Guid Id, string Identifier, string Name, TenantStatus Status)
{
    public bool IsActive => Status == TenantStatus.Active;
}

public enum TenantStatus
{
    Active = 0,
    Suspended = 1,
}
