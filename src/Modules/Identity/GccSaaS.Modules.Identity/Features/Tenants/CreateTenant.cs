using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Resources;
using Npgsql;

namespace GccSaaS.Modules.Identity.Features.Tenants;

/// <summary>A new tenant and the invitation of its first Global admin.</summary>
internal sealed record CreatedTenant(TenantInfo Tenant, IssuedInvitation Invitation);

/// <summary>
/// The Platform admin creates a tenant for an indirect provider and invites its first Global admin (the
/// invitation is a draft plus link, like every invitation in the product).
/// </summary>
internal sealed record CreateTenantCommand(string Identifier, string Name, string AdminEmail) : IRequest<CreatedTenant>;

internal sealed class CreateTenantValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<CreateTenantCommand>
{
    public IEnumerable<ValidationFailure> Validate(CreateTenantCommand request)
    {
        if (request.Identifier is null || !TenantIdentifier.IsValid(request.Identifier.Trim().ToLowerInvariant()))
        {
            yield return new ValidationFailure("identifier", "invalid_identifier", l["ErrorTenantIdentifier"]);
        }

        foreach (var failure in InputRules.Text("name", request.Name, 200, l).Concat(InputRules.Email("adminEmail", request.AdminEmail, l)))
        {
            yield return failure;
        }
    }
}

internal sealed class CreateTenantHandler(
    CallerPermissions permissions,
    ITenantStore tenants,
    InvitationIssuer issuer,
    PlatformAuditSubject auditSubject,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<CreateTenantCommand, CreatedTenant>
{
    public async Task<CreatedTenant> Handle(CreateTenantCommand request, CancellationToken cancellationToken)
    {
        var caller = permissions.RequirePlatform(GccSaaSPolicies.PlatformAdmin);
        var identifier = request.Identifier.Trim().ToLowerInvariant();
        if (await tenants.FindByIdentifierAsync(identifier, cancellationToken) is not null)
        {
            throw Taken(identifier);
        }

        TenantInfo tenant;
        try
        {
            tenant = await tenants.CreateAsync(identifier, request.Name, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw Taken(identifier);
        }

        auditSubject.Concerns(tenant.Id); // the platform audit log files the act under the new tenant (issue 16)
        var invitation = await issuer.IssueAsync(tenant.Id, request.AdminEmail, GccSaaSRoles.GlobalAdmin, null, caller.UserId, cancellationToken);
        return new CreatedTenant(tenant, invitation);
    }

    private DomainRuleException Taken(string identifier) =>
        new(IdentityErrorCodes.TenantIdentifierTaken, l["ErrorTenantIdentifierTaken", identifier], DomainErrorKind.Conflict);
}

/// <summary>
/// The Platform admin invites another Global admin to an existing tenant (the first invitation expired, or
/// the provider's admin left).
/// </summary>
internal sealed record InviteTenantAdminCommand(Guid TenantId, string Email) : IRequest<IssuedInvitation>;

internal sealed class InviteTenantAdminValidator(IStringLocalizer<IdentityResource> l) : IRequestValidator<InviteTenantAdminCommand>
{
    public IEnumerable<ValidationFailure> Validate(InviteTenantAdminCommand request) => InputRules.Email("email", request.Email, l);
}

internal sealed class InviteTenantAdminHandler(
    CallerPermissions permissions,
    ITenantStore tenants,
    InvitationIssuer issuer,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<InviteTenantAdminCommand, IssuedInvitation>
{
    public async Task<IssuedInvitation> Handle(InviteTenantAdminCommand request, CancellationToken cancellationToken)
    {
        var caller = permissions.RequirePlatform(GccSaaSPolicies.PlatformAdmin);
        var tenant = await tenants.FindByIdAsync(request.TenantId, cancellationToken)
            ?? throw new DomainRuleException("tenant_not_found", l["TenantNotFound"], DomainErrorKind.NotFound);
        return await issuer.IssueAsync(tenant.Id, request.Email, GccSaaSRoles.GlobalAdmin, null, caller.UserId, cancellationToken);
    }
}
