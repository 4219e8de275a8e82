using System.Text.Json.Serialization;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.CustomerList;
using GccSaaS.Modules.Customers.Integrations;

namespace GccSaaS.Modules.Customers.Features.AdministratorPassword;

/// <summary>
/// Issue 13, R-CUS-2, R-CUS-6 ("manage users"): the provider, or the customer's reseller while the customer's
/// administrator leaves it "manage users", issues a new one-time password for the customer's administrator. The
/// password is made here and only returned (shown once, never stored but as a hash); the old one stops working, and
/// so does every workspace session signed in with it (the credential stamp changes). The command holds nothing secret.
/// </summary>
internal sealed record ResetAdministratorPasswordCommand(Guid TenantId, Guid CustomerTenantId) : IRequest<ResetPassword>;

internal sealed record ResetPassword(string UserName, string Password);

internal sealed class ResetAdministratorPasswordHandler(CustomersDbContext db, CustomerScope scope, ITenantContextAccessor tenants)
    : IRequestHandler<ResetAdministratorPasswordCommand, ResetPassword>
{
    public async Task<ResetPassword> Handle(ResetAdministratorPasswordCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        if (!await scope.Visible(request.TenantId).AnyAsync(c => c.CustomerTenantId == request.CustomerTenantId, cancellationToken))
        {
            throw CustomerScope.NotFound(request.CustomerTenantId);
        }

        await scope.EnsurePermissionAsync(request.TenantId, request.CustomerTenantId, DelegatedPermissions.ManageUsers, cancellationToken);
        var userName = await db.CustomerTenantAdmins.AsNoTracking().Where(a => a.CustomerTenantId == request.CustomerTenantId)
            .Select(a => a.UserName).FirstOrDefaultAsync(cancellationToken)
            ?? throw CustomerScope.NotFound(request.CustomerTenantId);
        var password = TemporaryPassword.Generate();
        // The hash is written only through the named path (ADR 0021); it also renews the credential stamp and the counters.
        var hash = AuthenticateCustomerAdministratorHandler.Hash(password);
        var customerTenantId = request.CustomerTenantId;
        await db.Database.SqlQuery<Guid?>($"SELECT customers.reset_customer_admin_password({customerTenantId}, {hash}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        return new ResetPassword(userName, password);
    }
}

/// <summary>Partner Center's <c>passwordProfile</c>: GccSaaS makes the password itself, so a request names none.</summary>
internal sealed record PasswordProfileBody(string? Password, bool? ForceChangePassword);

internal sealed record CustomerUserPatchBody(PasswordProfileBody? PasswordProfile);

internal sealed record PasswordProfileResource(string Password, bool ForceChangePassword);

internal sealed record CustomerUserResource(
    Guid Id,
    string UserPrincipalName,
    [property: JsonPropertyName("passwordProfile")] PasswordProfileResource PasswordProfile,
    ResourceAttributes Attributes);

/// <summary>
/// Partner Center's "reset a user's password": <c>PATCH /v1/customers/{id}/users/{userId}</c> with a
/// <c>passwordProfile</c>. GccSaaS keeps one user per customer, its administrator, whose user id is the customer's id;
/// it makes the new password itself and answers it once (Cache-Control: no-store). docs/api.md.
/// </summary>
internal static class AdministratorPasswordEndpoints
{
    public static RouteGroupBuilder MapAdministratorPasswordEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPatch("/customers/{id:guid}/users/{userId:guid}", PatchAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .WithMetadata(OneTimeSecretResponseMetadata.Instance)
            .WithName("ResetCustomerUserPassword")
            .WithSummary("Issue 13, R-CUS-6: { passwordProfile: { forceChangePassword: true } } issues the administrator a new one-time password, answered once.");
        return v1;
    }

    private static async Task<IResult> PatchAsync(HttpContext context, Guid id, Guid userId, CustomerUserPatchBody body, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        // Another tenant's or another reseller's customer is a 404 before anything about the body is said.
        _ = await mediator.Send(new GetCustomerQuery(tenant.Id, id), cancellationToken) ?? throw CustomerScope.NotFound(id);
        if (userId != id)
        {
            throw new DomainRuleException(CustomerErrorCodes.CustomerUserNotFound, "The customer has no such user.", DomainErrorKind.NotFound);
        }

        if (body.PasswordProfile is null)
        {
            throw new RequestValidationException([new ValidationFailure("passwordProfile", CustomerErrorCodes.PasswordProfileRequired, "passwordProfile is required.")]);
        }

        if (!string.IsNullOrEmpty(body.PasswordProfile.Password))
        {
            throw new RequestValidationException(
                [new ValidationFailure("passwordProfile.password", CustomerErrorCodes.PasswordChosenByService, "GccSaaS makes the new one-time password itself: send passwordProfile without a password.")]);
        }

        var reset = await mediator.Send(new ResetAdministratorPasswordCommand(tenant.Id, id), cancellationToken);
        return Results.Ok(new CustomerUserResource(id, reset.UserName, new PasswordProfileResource(reset.Password, true), new ResourceAttributes("CustomerUser")));
    }
}
