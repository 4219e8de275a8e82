using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GccSaaS.BuildingBlocks.Web;

public static class WebRegistration
{
    /// <summary>
    /// What the Partner Center conventions need at run time: continuation token encryption and the problem
    /// answer for <see cref="ApiProblemException"/>. The host adds the idempotency store.
    /// </summary>
    public static IServiceCollection AddPartnerCenterConventions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection();
        services.TryAddSingleton<ContinuationTokenCodec>();
        services.AddExceptionHandler<ApiProblemExceptionHandler>();
        return services;
    }
}
