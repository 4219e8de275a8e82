using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Integrations;
using GccSaaS.Modules.Validation.Contracts;
using Npgsql;

namespace GccSaaS.Modules.Customers.Features.AddCustomer;

/// <summary>
/// R-CUS-1: add a customer — a new customer tenant with its administrator — optionally with the GCC special
/// qualification (a validation code of the partner, R-VAL-4, R-VAL-5, R-PC-2) and an indirect reseller
/// (R-PC-4). <see cref="RequestId"/> makes a retry answer the same customer (without the password). The command
/// holds nothing secret: the temporary password is made by the handler and only returned (R-CUS-2).
/// </summary>
internal sealed record AddCustomerCommand(Guid TenantId, Guid RequestId, AddCustomerRequest Customer) : IRequest<AddedCustomer>;

/// <summary>
/// The answer: the customer and its administrator's user name, with the temporary password only on the first
/// answer (null on a replay of the same request id: it is not stored anywhere to be shown again).
/// </summary>
internal sealed record AddedCustomer(Guid CustomerTenantId, string UserName, string? TemporaryPassword, bool Replayed);

internal sealed class AddCustomerHandler(
    CustomersDbContext db,
    CustomerScope scope,
    AddCustomerRules rules,
    ITenantContextAccessor tenants,
    IMediator mediator,
    TimeProvider clock)
    : IRequestHandler<AddCustomerCommand, AddedCustomer>
{
    public async Task<AddedCustomer> Handle(AddCustomerCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        if (tenant.Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        rules.EnsureProvider();
        if (await ReplayAsync(request, cancellationToken) is { } replay)
        {
            return replay;
        }

        var customer = request.Customer;
        await rules.EnsureAllowedAsync(tenant.Id, customer, cancellationToken);
        var domain = AddCustomerRules.Domain(customer);
        var gccCode = AddCustomerRules.GccValidationCode(customer);
        var address = customer.Address;

        var now = clock.GetUtcNow();
        var customerTenantId = Guid.NewGuid();
        var userName = CustomerDomainName.AdminUserName(domain);
        var password = TemporaryPassword.Generate();
        db.CustomerTenants.Add(new CustomerTenant
        {
            Id = customerTenantId,
            CompanyName = customer.CompanyName,
            Domain = domain,
            AddressLine1 = AddCustomerRequest.Text(address.AddressLine1),
            AddressLine2 = CustomerInput.Optional(address.AddressLine2),
            City = AddCustomerRequest.Text(address.City),
            State = CustomerInput.Optional(address.State),
            PostalCode = AddCustomerRequest.Text(address.PostalCode),
            Country = AddCustomerRequest.Text(address.Country).ToUpperInvariant(),
            ContactFirstName = AddCustomerRequest.Text(address.FirstName),
            ContactLastName = AddCustomerRequest.Text(address.LastName),
            Email = customer.Email,
            PhoneNumber = CustomerInput.Optional(address.PhoneNumber),
            Culture = customer.Culture,
            Language = customer.Language,
            CreatedByTenantId = tenant.Id,
            CreatedAt = now,
        });
        db.CustomerTenantAdmins.Add(new CustomerTenantAdmin
        {
            CustomerTenantId = customerTenantId,
            UserName = userName,
            PasswordHash = AuthenticateCustomerAdministratorHandler.Hash(password),
            CreatedAt = now,
            CredentialStamp = Guid.NewGuid(),
        });
        db.Customers.Add(new Customer
        {
            TenantId = tenant.Id,
            CustomerTenantId = customerTenantId,
            CompanyName = customer.CompanyName,
            SortName = customer.CompanyName.ToLowerInvariant(),
            Domain = domain,
            ResellerOrganisationId = customer.AssociatedPartnerId,
            Origin = CustomerOrigins.Created,
            CreatedRequestId = request.RequestId,
            CreatedByUserId = scope.User?.UserId,
            CreatedByName = scope.User?.DisplayName ?? "system",
            CreatedAt = now,
        });
        DelegatedAdmin.GrantProvider(db, tenant.Id, customerTenantId, now);
        if (customer.AssociatedPartnerId is { } associated)
        {
            DelegatedAdmin.GrantReseller(db, tenant.Id, customerTenantId, associated, now);
        }

        if (gccCode is not null)
        {
            db.Qualifications.Add(new CustomerQualification
            {
                CustomerTenantId = customerTenantId,
                Qualification = CustomerQualifications.GovernmentCommunityCloud,
                VettingStatus = VettingStatus.Approved,
                RequestedByTenantId = tenant.Id,
                ValidationCode = gccCode,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        // R-CUS-1, R-CUS-3: announced with the rows, in this transaction (webhooks customer.created and
        // customer.reseller_associated); a replay of the request id returned above and announces nothing.
        db.EnqueueNotification(new CustomerCreatedNotification(tenant.Id, customerTenantId, domain, customer.AssociatedPartnerId, gccCode is not null, now), clock);
        if (customer.AssociatedPartnerId is { } announced)
        {
            db.EnqueueNotification(new CustomerResellerAssociatedNotification(tenant.Id, customerTenantId, announced, now), clock);
        }

        // The rows are written (and the domain's uniqueness checked) inside this module's open transaction first;
        // only then is the code use consumed. A refused consumption throws, and this transaction rolls back: no
        // customer, no use.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw unique.ConstraintName?.Contains("created_request_id", StringComparison.Ordinal) == true
                ? new DomainRuleException("request_in_progress", "A request with this id is creating this customer already.", DomainErrorKind.Conflict)
                : AddCustomerRules.DomainTaken(domain);
        }

        if (gccCode is not null)
        {
            await mediator.Send(new ConsumeValidationCodeCommand(tenant.Id, gccCode, customerTenantId), cancellationToken);
        }

        return new AddedCustomer(customerTenantId, userName, password, Replayed: false);
    }

    private async Task<AddedCustomer?> ReplayAsync(AddCustomerCommand request, CancellationToken cancellationToken)
    {
        var existing = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.CreatedRequestId == request.RequestId)
            .Select(c => new { c.CustomerTenantId, UserName = db.CustomerTenantAdmins.Where(a => a.CustomerTenantId == c.CustomerTenantId).Select(a => a.UserName).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null ? null : new AddedCustomer(existing.CustomerTenantId, existing.UserName ?? string.Empty, null, Replayed: true);
    }
}
