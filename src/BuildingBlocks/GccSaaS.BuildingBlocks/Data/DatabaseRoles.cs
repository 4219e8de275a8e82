namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// The PostgreSQL roles the platform relies on (created by build/pg.sh and the compose init script).
/// The owner runs migrations and owns every table; the application role owns nothing and lacks BYPASSRLS.
/// </summary>
public static class DatabaseRoles
{
    public const string Owner = "gccsaas_owner";
    public const string Application = "gccsaas_app";

    /// <summary>The per-transaction setting that every tenant policy compares with.</summary>
    public const string TenantSetting = "app.tenant_id";
}
