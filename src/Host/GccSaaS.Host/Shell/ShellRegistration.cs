using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.Host.Shell.Data;

namespace GccSaaS.Host.Shell;

internal static class ShellRegistration
{
    public const string Name = "Shell";

    /// <summary>The host's tenant data joins the module catalog: migrated, fenced and swept like a module's.</summary>
    public static IHostApplicationBuilder AddShell(this IHostApplicationBuilder builder)
    {
        builder.AddModule<ShellDbContext>(Name, ShellDbContext.SchemaName, typeof(ShellRegistration).Assembly, typeof(ShellRegistration).Assembly);
        return builder;
    }
}
