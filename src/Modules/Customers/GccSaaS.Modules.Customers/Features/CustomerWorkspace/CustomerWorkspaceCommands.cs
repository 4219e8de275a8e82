using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using Npgsql;

namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <summary>The customer administrator adds one of the customer's users (R-ORD-7: licenses are assigned to them).</summary>
internal sealed record AddCustomerUserCommand(Guid CustomerTenantId, string DisplayName, string Email, string Actor) : IRequest<Guid>;

/// <summary>R-ORD-7: one license of a product to one of the customer's users, named by e-mail.</summary>
internal sealed record AssignLicenseCommand(Guid CustomerTenantId, string ProductId, string Email, string Actor) : IRequest<Unit>;

/// <summary>R-ORD-7: takes a product's license back from a user.</summary>
internal sealed record UnassignLicenseCommand(Guid CustomerTenantId, string ProductId, string Email, string Actor) : IRequest<Unit>;

internal static class CustomerWorkspaceCodes
{
    public const string UserEmailTaken = "customer_user_email_taken";
    public const string ProductNotLicensed = "license_product_not_found";
    public const string NoneAvailable = "license_none_available";
    public const string AlreadyAssigned = "license_already_assigned";
    public const string NotAssigned = "license_not_assigned";
}

/// <summary>The workspace's commands run in the customer tenant's own scope; anything else is a programming error.</summary>
internal static class WorkspaceTenant
{
    public static void Ensure(ITenantContextAccessor tenants, Guid customerTenantId)
    {
        if (tenants.RequireTenant().Id != customerTenantId)
        {
            throw new InvalidOperationException("A customer workspace command runs only in its customer tenant's scope.");
        }
    }

    public static string Email(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();
}

internal sealed class AddCustomerUserHandler(CustomersDbContext db, ITenantContextAccessor tenants, CustomerActivityLog activity, TimeProvider clock)
    : IRequestHandler<AddCustomerUserCommand, Guid>
{
    public async Task<Guid> Handle(AddCustomerUserCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        WorkspaceTenant.Ensure(tenants, request.CustomerTenantId);
        var name = (request.DisplayName ?? string.Empty).Trim();
        var email = WorkspaceTenant.Email(request.Email);
        var failures = new List<ValidationFailure>();
        if (name.Length is 0 or > 200)
        {
            failures.Add(new ValidationFailure(nameof(AddCustomerUserCommand.DisplayName), CustomerErrorCodes.CustomerUserNameInvalid, "Enter the user's name (at most 200 characters)."));
        }

        if (email.Length > 320 || !EmailAddresses.IsValid(email))
        {
            failures.Add(new ValidationFailure(nameof(AddCustomerUserCommand.Email), CustomerErrorCodes.CustomerUserEmailInvalid, "Enter a valid e-mail address."));
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures);
        }

        if (await db.CustomerUsers.AnyAsync(u => u.TenantId == request.CustomerTenantId && u.Email == email, cancellationToken))
        {
            throw EmailTaken();
        }

        var id = Guid.CreateVersion7();
        await activity.WriteAsync(request.CustomerTenantId, "UserAdded", email, request.Actor, cancellationToken);
        db.CustomerUsers.Add(new CustomerUser { TenantId = request.CustomerTenantId, Id = id, DisplayName = name, Email = email, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw EmailTaken();
        }

        return id;
    }

    private static DomainRuleException EmailTaken() =>
        new(CustomerWorkspaceCodes.UserEmailTaken, "The customer has a user with this e-mail address already.", DomainErrorKind.Conflict);
}

/// <summary>
/// R-ORD-7: assigned never exceeds purchased. The customer's administrator row is locked first, so assignments of
/// one customer are counted and written one after another, also when requests race; the purchased count is read
/// inside the same transaction, after the lock.
/// </summary>
internal sealed class AssignLicenseHandler(CustomersDbContext db, ITenantContextAccessor tenants, CustomerLicenseBook book, CustomerActivityLog activity, TimeProvider clock)
    : IRequestHandler<AssignLicenseCommand, Unit>
{
    public async Task<Unit> Handle(AssignLicenseCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        WorkspaceTenant.Ensure(tenants, request.CustomerTenantId);
        var customerId = request.CustomerTenantId;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM customers.customer_tenant_admins WHERE customer_tenant_id = {customerId} FOR UPDATE", cancellationToken);

        var email = WorkspaceTenant.Email(request.Email);
        var user = await db.CustomerUsers.AsNoTracking().FirstOrDefaultAsync(u => u.TenantId == customerId && u.Email == email, cancellationToken)
            ?? throw new DomainRuleException(CustomerErrorCodes.CustomerUserNotFound, "The customer has no user with this e-mail address.", DomainErrorKind.NotFound);
        var purchased = await book.PurchasedAsync(customerId, cancellationToken);
        if (!purchased.TryGetValue(request.ProductId ?? string.Empty, out var product))
        {
            throw new DomainRuleException(CustomerWorkspaceCodes.ProductNotLicensed, "The customer has no licenses of this product.", DomainErrorKind.NotFound);
        }

        if (await db.LicenseAssignments.AnyAsync(a => a.TenantId == customerId && a.ProductId == product.ProductId && a.UserId == user.Id, cancellationToken))
        {
            throw new DomainRuleException(CustomerWorkspaceCodes.AlreadyAssigned, "The user has a license of this product already.", DomainErrorKind.Conflict);
        }

        var assigned = await db.LicenseAssignments.CountAsync(a => a.TenantId == customerId && a.ProductId == product.ProductId, cancellationToken);
        if (assigned >= product.Purchased)
        {
            throw new DomainRuleException(CustomerWorkspaceCodes.NoneAvailable, "Every license of this product is assigned.", DomainErrorKind.Conflict);
        }

        db.LicenseAssignments.Add(new LicenseAssignment { TenantId = customerId, ProductId = product.ProductId, UserId = user.Id, AssignedAt = clock.GetUtcNow() });
        await activity.WriteAsync(customerId, "LicenseAssigned", $"{product.ProductName}: {email}", request.Actor, cancellationToken);
        return Unit.Value;
    }
}

internal sealed class UnassignLicenseHandler(CustomersDbContext db, ITenantContextAccessor tenants, CustomerActivityLog activity)
    : IRequestHandler<UnassignLicenseCommand, Unit>
{
    public async Task<Unit> Handle(UnassignLicenseCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        WorkspaceTenant.Ensure(tenants, request.CustomerTenantId);
        var email = WorkspaceTenant.Email(request.Email);
        var assignment = await db.LicenseAssignments
            .Where(a => a.TenantId == request.CustomerTenantId && a.ProductId == request.ProductId)
            .Join(db.CustomerUsers.Where(u => u.TenantId == request.CustomerTenantId && u.Email == email), a => a.UserId, u => u.Id, (a, _) => a)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleException(CustomerWorkspaceCodes.NotAssigned, "The user has no license of this product.", DomainErrorKind.NotFound);
        db.LicenseAssignments.Remove(assignment);
        await activity.WriteAsync(request.CustomerTenantId, "LicenseUnassigned", $"{assignment.ProductId}: {email}", request.Actor, cancellationToken);
        return Unit.Value;
    }
}
