namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// A row that belongs to one tenant. Its table has <c>tenant_id</c> leading the primary key and every
/// unique index, and is fenced by row-level security (<see cref="RowLevelSecurityMigrationExtensions"/>).
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
