using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// A platform-level DbContext outside the module catalog (not tenant-fenced, not swept by the outbox),
/// such as the host's identity store. <see cref="DatabaseMigrator"/> migrates each one after the
/// platform's own schema, as the owner role, like every module.
/// </summary>
public sealed record PlatformSchema(Type DbContextType, string Schema);

public static class PlatformSchemaRegistration
{
    public static IServiceCollection AddPlatformSchema<TContext>(this IServiceCollection services, string schema)
        where TContext : DbContext
    {
        services.AddSingleton(new PlatformSchema(typeof(TContext), schema));
        return services;
    }
}
