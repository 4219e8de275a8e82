using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Features.Invitations;

/// <summary>The tenant a user joined by accepting an invitation.</summary>
internal sealed record JoinedTenant(Guid UserId, Guid TenantId, string TenantIdentifier);

/// <summary>The signed-in user accepts an invitation addressed to their e-mail address.</summary>
internal sealed record AcceptInvitationCommand(string Token) : IRequest<JoinedTenant>;

internal sealed class AcceptInvitationHandler(
    CallerPermissions permissions,
    InvitationLookup invitations,
    UserManager<GccSaaSUser> users,
    MembershipWriter memberships,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<AcceptInvitationCommand, JoinedTenant>
{
    public async Task<JoinedTenant> Handle(AcceptInvitationCommand request, CancellationToken cancellationToken)
    {
        var caller = permissions.RequireSignedIn();
        var invitation = await invitations.RequirePendingAsync(request.Token, cancellationToken);
        var user = await users.FindByIdAsync(caller.UserId.ToString("D"))
            ?? throw new DomainRuleException("unauthorized", l["SignInFirst"], DomainErrorKind.Forbidden);
        // The link is for one address: whoever holds it must also hold that address's account.
        if (!string.Equals(user.NormalizedEmail, invitation.NormalizedEmail, StringComparison.Ordinal))
        {
            throw new DomainRuleException("invitation_for_another_address", l["InvitationForAnotherAddress", invitation.Email], DomainErrorKind.Forbidden);
        }

        return await memberships.JoinAsync(invitation, user.Id, cancellationToken);
    }
}

/// <summary>A new user registers (name and password) through an invitation to their address, and joins.</summary>
internal sealed record RegisterWithInvitationCommand(string Token, string DisplayName, string Password) : IRequest<JoinedTenant>;

internal sealed class RegisterWithInvitationValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<RegisterWithInvitationCommand>
{
    public IEnumerable<ValidationFailure> Validate(RegisterWithInvitationCommand request) =>
        InputRules.Text("displayName", request.DisplayName, 200, l)
            .Concat(InputRules.Text("password", request.Password, 200, l));
}

internal sealed class RegisterWithInvitationHandler(
    InvitationLookup invitations,
    UserManager<GccSaaSUser> users,
    MembershipWriter memberships,
    TimeProvider clock,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<RegisterWithInvitationCommand, JoinedTenant>
{
    public async Task<JoinedTenant> Handle(RegisterWithInvitationCommand request, CancellationToken cancellationToken)
    {
        var invitation = await invitations.RequirePendingAsync(request.Token, cancellationToken);
        if (await users.FindByEmailAsync(invitation.Email) is not null)
        {
            throw new DomainRuleException(IdentityErrorCodes.AccountExists, l["AccountExistsSignIn", invitation.Email], DomainErrorKind.Conflict);
        }

        var user = new GccSaaSUser
        {
            Id = Guid.CreateVersion7(),
            UserName = invitation.Email,
            Email = invitation.Email,
            // The address received the link, which proves it.
            EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            throw new RequestValidationException(
                [.. created.Errors.Select(e => new ValidationFailure(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", e.Code, e.Description))]);
        }

        return await memberships.JoinAsync(invitation, user.Id, cancellationToken);
    }
}

/// <summary>Turns an accepted invitation into a membership and consumes the invitation, in one transaction.</summary>
internal sealed class MembershipWriter(
    GccSaaSIdentityDbContext db,
    InvitationLookup invitations,
    ITenantStore tenants,
    TimeProvider clock,
    IStringLocalizer<IdentityResource> l)
{
    public async Task<JoinedTenant> JoinAsync(UserInvitation invitation, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var tenant = await tenants.FindByIdAsync(invitation.TenantId, cancellationToken);
        if (tenant is not { IsActive: true })
        {
            throw new DomainRuleException("invitation_not_found", l["InvitationNotFound"], DomainErrorKind.NotFound);
        }

        if (await db.Memberships.AnyAsync(m => m.TenantId == invitation.TenantId && m.UserId == userId, cancellationToken))
        {
            throw new DomainRuleException(IdentityErrorCodes.AlreadyMember, l["AlreadyMember", tenant.Name], DomainErrorKind.Conflict);
        }

        await invitations.ConsumeAsync(invitation.Id, userId, cancellationToken);
        db.Memberships.Add(new Membership
        {
            TenantId = invitation.TenantId,
            UserId = userId,
            Role = invitation.Role,
            ResellerOrganisationId = invitation.ResellerOrganisationId,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new JoinedTenant(userId, tenant.Id, tenant.Identifier);
    }
}
