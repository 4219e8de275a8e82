using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using Npgsql;

namespace GccSaaS.Modules.Customers.Features.Agreements;

/// <summary>
/// R-CUS-4, R-PC-6: the provider records that the customer accepted the Microsoft Customer Agreement: the
/// customer's primary contact, e-mail, optional phone and the date agreed (not in the future). Only provider users
/// (never an indirect reseller). As in Partner Center, a confirmation with a changed contact (name, e-mail or phone)
/// is recorded as a new confirmation; one with the same contact as an earlier one is refused (409, ADR 0014).
/// </summary>
internal sealed record RecordAgreementCommand(
    Guid TenantId,
    Guid CustomerId,
    string AgreementType,
    string ContactFirstName,
    string ContactLastName,
    string ContactEmail,
    string? ContactPhone,
    DateTimeOffset DateAgreed) : IRequest<CustomerAgreement>;

internal sealed class RecordAgreementValidator : IRequestValidator<RecordAgreementCommand>
{
    public IEnumerable<ValidationFailure> Validate(RecordAgreementCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CustomerAgreementTypes.All.Contains(request.AgreementType))
        {
            yield return new("type", "invalid", "The agreement type is MicrosoftCustomerAgreement.");
        }

        if (string.IsNullOrWhiteSpace(request.ContactFirstName) || request.ContactFirstName.Trim().Length > 50)
        {
            yield return new("primaryContact.firstName", "required", "Give the primary contact's first name (at most 50 characters).");
        }

        if (string.IsNullOrWhiteSpace(request.ContactLastName) || request.ContactLastName.Trim().Length > 50)
        {
            yield return new("primaryContact.lastName", "required", "Give the primary contact's last name (at most 50 characters).");
        }

        if (string.IsNullOrWhiteSpace(request.ContactEmail) || request.ContactEmail.Length > 320 || !CustomerInput.IsEmail(request.ContactEmail))
        {
            yield return new("primaryContact.email", "invalid", "Give the primary contact's e-mail address.");
        }

        if (request.ContactPhone is { Length: > ContactFormats.MaxPhoneLength })
        {
            yield return new("primaryContact.phoneNumber", "too_long", "The phone number is longer than 50 characters.");
        }
        else if (!string.IsNullOrWhiteSpace(request.ContactPhone) && !ContactFormats.IsPhoneNumber(request.ContactPhone))
        {
            yield return new("primaryContact.phoneNumber", "invalid", "The phone number is digits with spaces, hyphens or brackets, e.g. +1 425 555 0100.");
        }

        if (request.DateAgreed == default)
        {
            yield return new("dateAgreed", "required", "Give the date the customer agreed.");
        }
    }
}

internal sealed class RecordAgreementHandler(CustomersDbContext db, CustomerScope scope, ITenantContextAccessor tenants, TimeProvider clock)
    : IRequestHandler<RecordAgreementCommand, CustomerAgreement>
{
    public async Task<CustomerAgreement> Handle(RecordAgreementCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        scope.EnsureProvider(CustomerErrorCodes.ResellerCannotAttest, "An indirect reseller cannot attest the customer agreement; its indirect provider does.");
        if (!await scope.Visible(request.TenantId).AnyAsync(c => c.CustomerTenantId == request.CustomerId, cancellationToken))
        {
            throw CustomerScope.NotFound(request.CustomerId);
        }

        var now = clock.GetUtcNow();
        if (request.DateAgreed > now)
        {
            throw new DomainRuleException(CustomerErrorCodes.AgreementDateInFuture, "The date the customer agreed cannot be in the future.");
        }

        var firstName = request.ContactFirstName.Trim();
        var lastName = request.ContactLastName.Trim();
        var email = request.ContactEmail.Trim();
        var phone = CustomerInput.Optional(request.ContactPhone);
        var emailKey = email.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // lower() in SQL, as the unique index ux_agreements_contact has it
        if (await db.Agreements.AnyAsync(
            a => a.TenantId == tenant.Id && a.CustomerTenantId == request.CustomerId && a.AgreementType == request.AgreementType
                && a.ContactFirstName == firstName && a.ContactLastName == lastName && a.ContactEmail.ToLower() == emailKey && a.ContactPhone == phone,
            cancellationToken))
#pragma warning restore CA1304, CA1311, CA1862
        {
            throw AlreadyExists();
        }

        var agreement = new CustomerAgreement
        {
            TenantId = tenant.Id,
            Id = Guid.CreateVersion7(now),
            CustomerTenantId = request.CustomerId,
            AgreementType = request.AgreementType,
            ContactFirstName = firstName,
            ContactLastName = lastName,
            ContactEmail = email,
            ContactPhone = phone,
            DateAgreed = request.DateAgreed.ToUniversalTime(),
            RecordedByUserId = scope.User?.UserId,
            RecordedByName = scope.User?.DisplayName ?? "system",
            RecordedAt = now,
        };
        db.Agreements.Add(agreement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw AlreadyExists();
        }

        return agreement;
    }

    private static DomainRuleException AlreadyExists() => new(
        CustomerErrorCodes.AgreementAlreadyExists, "The customer's acceptance of this agreement is recorded already with this contact.", DomainErrorKind.Conflict);
}

/// <summary>The agreements recorded for a customer the caller may see.</summary>
internal sealed record GetAgreementsQuery(Guid TenantId, Guid CustomerId, string? AgreementType) : IRequest<IReadOnlyList<CustomerAgreement>>;

internal sealed class GetAgreementsHandler(CustomersDbContext db, CustomerScope scope) : IRequestHandler<GetAgreementsQuery, IReadOnlyList<CustomerAgreement>>
{
    public async Task<IReadOnlyList<CustomerAgreement>> Handle(GetAgreementsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await scope.Visible(request.TenantId).AnyAsync(c => c.CustomerTenantId == request.CustomerId, cancellationToken))
        {
            throw CustomerScope.NotFound(request.CustomerId);
        }

        return await db.Agreements.AsNoTracking()
            .Where(a => a.TenantId == request.TenantId && a.CustomerTenantId == request.CustomerId)
            .Where(a => request.AgreementType == null || a.AgreementType == request.AgreementType)
            .OrderBy(a => a.RecordedAt).Take(100).ToListAsync(cancellationToken);
    }
}
