using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Integrations;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GccSaaS.Modules.Customers.Features.AddCustomer;

/// <summary>
/// R-CUS-1: add a customer — a new customer tenant with its administrator — optionally with the GCC special
/// qualification (a validation code of the partner, R-VAL-4, R-VAL-5, R-PC-2) and an indirect reseller
/// (R-PC-4). <see cref="RequestId"/> makes a retry answer the same customer (without the password). The command
/// holds nothing secret: the temporary password is made by the handler and only returned (R-CUS-2).
/// </summary>
internal sealed record CreateCustomerCommand(
    Guid TenantId,
    Guid RequestId,
    string CompanyName,
    string Domain,
    string AddressLine1,
    string? AddressLine2,
    string City,
    string? State,
    string PostalCode,
    string Country,
    string ContactFirstName,
    string ContactLastName,
    string Email,
    string? PhoneNumber,
    string Culture,
    string Language,
    string? Qualification,
    string? ValidationCode,
    Guid? ResellerOrganisationId) : IRequest<CreatedCustomer>;

/// <summary>
/// The answer: the customer and its administrator's user name, with the temporary password only on the first
/// answer (null on a replay of the same request id: it is not stored anywhere to be shown again).
/// </summary>
internal sealed record CreatedCustomer(Guid CustomerTenantId, string UserName, string? TemporaryPassword, bool Replayed);

internal sealed class CreateCustomerValidator : IRequestValidator<CreateCustomerCommand>
{
    public IEnumerable<ValidationFailure> Validate(CreateCustomerCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CustomerDomainName.Normalize(request.Domain) is null)
        {
            yield return new("companyProfile.domain", CustomerErrorCodes.DomainInvalid,
                "The primary domain is name.onmicrosoft.com: 1 to 27 letters, digits or inner hyphens, then .onmicrosoft.com.");
        }

        foreach (var failure in Required(request.CompanyName, "billingProfile.companyName", 300, "the company's legal name")
                     .Concat(Required(request.AddressLine1, "billingProfile.defaultAddress.addressLine1", 200, "the address"))
                     .Concat(Required(request.City, "billingProfile.defaultAddress.city", 100, "the city"))
                     .Concat(Required(request.PostalCode, "billingProfile.defaultAddress.postalCode", 20, "the postal code"))
                     .Concat(Required(request.ContactFirstName, "billingProfile.defaultAddress.firstName", 50, "the contact's first name"))
                     .Concat(Required(request.ContactLastName, "billingProfile.defaultAddress.lastName", 50, "the contact's last name"))
                     .Concat(Required(request.Email, "billingProfile.email", 320, "the contact e-mail")))
        {
            yield return failure;
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && !CustomerInput.IsEmail(request.Email))
        {
            yield return new("billingProfile.email", "invalid", "The contact e-mail is not an e-mail address.");
        }

        if (request.Country is not { Length: 2 } || !request.Country.All(char.IsAsciiLetter))
        {
            yield return new("billingProfile.defaultAddress.country", "invalid", "The country is a two-letter ISO code, e.g. US.");
        }

        if (!CustomerInput.IsCulture(request.Culture))
        {
            yield return new("billingProfile.culture", "invalid", "The culture is a culture name, e.g. en-US.");
        }

        if (request.Language is not { Length: 2 } || !request.Language.All(char.IsAsciiLetterLower))
        {
            yield return new("billingProfile.language", "invalid", "The language is a two-letter code, e.g. en.");
        }

        if (request.AddressLine2 is { Length: > 200 } || request.State is { Length: > 50 } || request.PhoneNumber is { Length: > 50 })
        {
            yield return new("billingProfile.defaultAddress", "too_long", "An address field is too long.");
        }

        if (request.Qualification is not null && request.Qualification != CustomerQualifications.GovernmentCommunityCloud)
        {
            yield return new("qualification", CustomerErrorCodes.QualificationNotSupported,
                "The special qualification is None or GovernmentCommunityCloud.");
        }
        else if (request.Qualification is not null && string.IsNullOrWhiteSpace(request.ValidationCode))
        {
            yield return new("validationCode", CustomerErrorCodes.ValidationCodeRequired,
                "A Government Community Cloud customer needs one of your GCC validation codes.");
        }
    }

    private static IEnumerable<ValidationFailure> Required(string? value, string field, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new(field, "required", $"Give {what}.");
        }
        else if (value.Trim().Length > max)
        {
            yield return new(field, "too_long", $"{char.ToUpperInvariant(what[0])}{what[1..]} is longer than {max} characters.");
        }
    }
}

internal sealed class CreateCustomerHandler(
    CustomersDbContext db,
    CustomerScope scope,
    ITenantContextAccessor tenants,
    IMediator mediator,
    TimeProvider clock)
    : IRequestHandler<CreateCustomerCommand, CreatedCustomer>
{
    public async Task<CreatedCustomer> Handle(CreateCustomerCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        if (tenant.Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        // R-PC-4: a reseller's customer is created by its provider, naming the reseller (docs/adr/0014-customers.md).
        scope.EnsureProvider(CustomerErrorCodes.ResellerCannotManage, "Your indirect provider adds customers for your organisation.");

        if (await ReplayAsync(request, cancellationToken) is { } replay)
        {
            return replay;
        }

        var domain = CustomerDomainName.Normalize(request.Domain)!;
        if (await db.CustomerTenants.AnyAsync(t => t.Domain == domain, cancellationToken))
        {
            throw DomainTaken(domain);
        }

        if (request.ResellerOrganisationId is { } reseller)
        {
            var partnership = await mediator.Send(new GetPartnershipQuery(tenant.Id, reseller), cancellationToken);
            if (partnership is not { Status: PartnershipStatus.Active })
            {
                throw new DomainRuleException(CustomerErrorCodes.ResellerPartnershipNotActive,
                    "You can add a customer for an indirect reseller only while your partnership with it is active.");
            }
        }

        var gcc = request.Qualification == CustomerQualifications.GovernmentCommunityCloud;
        if (gcc)
        {
            await GccRules.EnsurePartnerQualifiedAsync(mediator, tenant.Id, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var customerTenantId = Guid.NewGuid();
        var userName = CustomerDomainName.AdminUserName(domain);
        var password = TemporaryPassword.Generate();
        db.CustomerTenants.Add(new CustomerTenant
        {
            Id = customerTenantId,
            CompanyName = request.CompanyName.Trim(),
            Domain = domain,
            AddressLine1 = request.AddressLine1.Trim(),
            AddressLine2 = CustomerInput.Optional(request.AddressLine2),
            City = request.City.Trim(),
            State = CustomerInput.Optional(request.State),
            PostalCode = request.PostalCode.Trim(),
            Country = request.Country.ToUpperInvariant(),
            ContactFirstName = request.ContactFirstName.Trim(),
            ContactLastName = request.ContactLastName.Trim(),
            Email = request.Email.Trim(),
            PhoneNumber = CustomerInput.Optional(request.PhoneNumber),
            Culture = request.Culture,
            Language = request.Language,
            CreatedByTenantId = tenant.Id,
            CreatedAt = now,
        });
        db.CustomerTenantAdmins.Add(new CustomerTenantAdmin
        {
            CustomerTenantId = customerTenantId,
            UserName = userName,
            PasswordHash = AuthenticateCustomerAdministratorHandler.Hash(password),
            CreatedAt = now,
        });
        db.Customers.Add(new Customer
        {
            TenantId = tenant.Id,
            CustomerTenantId = customerTenantId,
            CompanyName = request.CompanyName.Trim(),
            SortName = request.CompanyName.Trim().ToLowerInvariant(),
            Domain = domain,
            ResellerOrganisationId = request.ResellerOrganisationId,
            Origin = CustomerOrigins.Created,
            CreatedRequestId = request.RequestId,
            CreatedByUserId = scope.User?.UserId,
            CreatedByName = scope.User?.DisplayName ?? "system",
            CreatedAt = now,
        });
        DelegatedAdmin.GrantProvider(db, tenant.Id, customerTenantId, now);
        if (request.ResellerOrganisationId is { } associated)
        {
            DelegatedAdmin.GrantReseller(db, tenant.Id, customerTenantId, associated, now);
        }

        if (gcc)
        {
            db.Qualifications.Add(new CustomerQualification
            {
                CustomerTenantId = customerTenantId,
                Qualification = CustomerQualifications.GovernmentCommunityCloud,
                VettingStatus = VettingStatus.Approved,
                RequestedByTenantId = tenant.Id,
                ValidationCode = request.ValidationCode!.Trim(),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        // Nothing half-written: the rows are written (and the domain's uniqueness checked) inside this module's
        // open transaction first; only then is the code use consumed, in Validation's own transaction. A refused
        // or failed consumption throws, and this transaction rolls back: no customer, no use.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw unique.ConstraintName?.Contains("created_request_id", StringComparison.Ordinal) == true
                ? new DomainRuleException("request_in_progress", "A request with this id is creating this customer already.", DomainErrorKind.Conflict)
                : DomainTaken(domain);
        }

        if (gcc)
        {
            await mediator.Send(new ConsumeValidationCodeCommand(tenant.Id, request.ValidationCode!.Trim(), customerTenantId), cancellationToken);
        }

        return new CreatedCustomer(customerTenantId, userName, password, Replayed: false);
    }

    private async Task<CreatedCustomer?> ReplayAsync(CreateCustomerCommand request, CancellationToken cancellationToken)
    {
        var existing = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.CreatedRequestId == request.RequestId)
            .Select(c => new { c.CustomerTenantId, UserName = db.CustomerTenantAdmins.Where(a => a.CustomerTenantId == c.CustomerTenantId).Select(a => a.UserName).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null ? null : new CreatedCustomer(existing.CustomerTenantId, existing.UserName ?? string.Empty, null, Replayed: true);
    }

    private static DomainRuleException DomainTaken(string domain) =>
        new(CustomerErrorCodes.DomainTaken, $"The domain {domain} is taken. Choose another name.", DomainErrorKind.Conflict);
}

/// <summary>R-VAL-4: only a partner holding Government_community_cloud creates or qualifies GCC customers.</summary>
internal static class GccRules
{
    public static async Task EnsurePartnerQualifiedAsync(IMediator mediator, Guid tenantId, CancellationToken cancellationToken)
    {
        var partner = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenantId), cancellationToken);
        if (partner is null || !partner.HasQualification(PartnerQualifications.GovernmentCommunityCloud))
        {
            throw new DomainRuleException(CustomerErrorCodes.PartnerNotGccQualified,
                "Only a partner holding the Government_community_cloud qualification can create GCC customers. Submit your partner GCC validation first.");
        }
    }
}

internal static class CustomerInput
{
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool IsEmail(string value)
    {
        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == trimmed.LastIndexOf('@') && trimmed.IndexOf('.', at) > at + 1 && !trimmed.EndsWith('.') && !trimmed.Any(char.IsWhiteSpace);
    }

    public static bool IsCulture(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 10)
        {
            return false;
        }

        try
        {
            return !System.Globalization.CultureInfo.GetCultureInfo(value, predefinedOnly: true).Equals(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }
}
