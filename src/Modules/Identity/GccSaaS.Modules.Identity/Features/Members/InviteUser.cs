using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Features.Members;

/// <summary>
/// A Global admin invites someone to the tenant with a role (and, for reseller roles, their reseller
/// organisation). The result carries the link for the e-mail draft the inviter sends themselves.
/// </summary>
internal sealed record InviteUserCommand(Guid TenantId, string Email, string Role, Guid? ResellerOrganisationId) : IRequest<IssuedInvitation>;

internal sealed class InviteUserValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<InviteUserCommand>
{
    public IEnumerable<ValidationFailure> Validate(InviteUserCommand request) =>
        InputRules.Email("email", request.Email, l)
            .Concat(InputRules.TenantRole("role", request.Role, request.ResellerOrganisationId, l));
}

internal sealed class InviteUserHandler(
    CallerPermissions permissions,
    GccSaaSIdentityDbContext db,
    ILookupNormalizer normalizer,
    InvitationIssuer issuer,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<InviteUserCommand, IssuedInvitation>
{
    public async Task<IssuedInvitation> Handle(InviteUserCommand request, CancellationToken cancellationToken)
    {
        var (caller, tenant) = permissions.RequireInTenant(IdentityPolicies.CanManageUsers, request.TenantId);
        var normalized = normalizer.NormalizeEmail(InputRules.NormalizeEmail(request.Email));
        var alreadyMember = await db.Memberships
            .Where(m => m.TenantId == tenant.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.NormalizedEmail)
            .AnyAsync(e => e == normalized, cancellationToken);
        if (alreadyMember)
        {
            throw new DomainRuleException(IdentityErrorCodes.AlreadyMember, l["AlreadyMemberAddress", request.Email.Trim()], DomainErrorKind.Conflict);
        }

        return await issuer.IssueAsync(tenant.Id, request.Email, request.Role, request.ResellerOrganisationId, caller.UserId, cancellationToken);
    }
}
