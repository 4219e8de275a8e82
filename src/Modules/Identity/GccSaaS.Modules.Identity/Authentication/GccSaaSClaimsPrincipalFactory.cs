using System.Security.Claims;
using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Authentication;

/// <summary>The sign-in cookie's claims: Identity's (id, e-mail, platform roles) plus the display name and chosen time zone.</summary>
internal sealed class GccSaaSClaimsPrincipalFactory(
    UserManager<GccSaaSUser> users,
    RoleManager<GccSaaSRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<GccSaaSUser, GccSaaSRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GccSaaSUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(GccSaaSClaimTypes.DisplayName, user.DisplayName));
        if (user.TimeZone is { } zone)
        {
            identity.AddClaim(new Claim(GccSaaSClaimTypes.TimeZone, zone));
        }

        return identity;
    }
}
