using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// The caller of the current HTTP request, from its principal's claims: a signed-in user (tenant role from the
/// membership, added per request by Identity) or an API key (its own id as the user id, its name, its role). No
/// request, or nobody signed in: null. Platform plumbing like the tenant context: it reads claims only.
/// </summary>
internal sealed class HttpContextCurrentUserAccessor(IHttpContextAccessor http) : ICurrentUserAccessor
{
    public CurrentUser? Current
    {
        get
        {
            var principal = http.HttpContext?.User;
            if (principal?.Identity is not { IsAuthenticated: true } identity
                || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            {
                return null;
            }

            return new CurrentUser(
                userId,
                principal.FindFirstValue(GccSaaSClaimTypes.DisplayName) ?? identity.Name ?? string.Empty,
                principal.FindFirstValue(ClaimTypes.Email),
                principal.FindFirstValue(GccSaaSClaimTypes.TenantRole),
                Guid.TryParse(principal.FindFirstValue(GccSaaSClaimTypes.ResellerOrganisation), out var organisation) ? organisation : null,
                [.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)],
                Guid.TryParse(principal.FindFirstValue(GccSaaSClaimTypes.ApiKeyId), out var keyId) ? keyId : null);
        }
    }
}
