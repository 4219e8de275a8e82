using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace GccSaaS.Modules.Identity.Authentication;

/// <summary>
/// Adds the signed-in user's role in the resolved tenant (and a reseller user's organisation) to the
/// principal, per request, from the membership. The cookie carries no tenant role: a role change or a
/// removal takes effect on the next request. Without a membership the principal carries no tenant claims,
/// and the tenant's URLs answer 404.
/// </summary>
internal sealed class TenantRoleClaimsTransformation(ITenantContextAccessor tenants, UserMemberships memberships) : IClaimsTransformation
{
    private static readonly string[] TenantClaimTypes =
        [GccSaaSClaimTypes.TenantId, GccSaaSClaimTypes.TenantRole, GccSaaSClaimTypes.ResellerOrganisation];

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true } identity
            || identity.AuthenticationType == ApiKeyDefaults.Scheme
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return principal;
        }

        // Authentication can run more than once per request: start from a copy without tenant claims.
        var transformed = new ClaimsPrincipal(principal.Identities.Select(i =>
        {
            var copy = i.Clone();
            foreach (var claim in copy.Claims.Where(c => TenantClaimTypes.Contains(c.Type)).ToList())
            {
                copy.RemoveClaim(claim);
            }

            return copy;
        }));

        if (tenants.Current is { } tenant && await memberships.InTenantAsync(userId, tenant.Id) is { } membership)
        {
            var primary = transformed.Identities.First();
            primary.AddClaim(new Claim(GccSaaSClaimTypes.TenantId, tenant.Id.ToString("D")));
            primary.AddClaim(new Claim(GccSaaSClaimTypes.TenantRole, membership.Role));
            if (membership.ResellerOrganisationId is { } organisation)
            {
                primary.AddClaim(new Claim(GccSaaSClaimTypes.ResellerOrganisation, organisation.ToString("D")));
            }
        }

        return transformed;
    }
}
