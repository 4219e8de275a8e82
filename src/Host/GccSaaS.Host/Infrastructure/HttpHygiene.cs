using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.Host.Infrastructure;

/// <summary>
/// What the host does so that no answer depends on a forged Host header (ADR 0015): the configured public address.
/// </summary>
internal static class HttpHygiene
{
    public static IHostApplicationBuilder AddHttpHygiene(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPublicAddress();
        return builder;
    }
}
