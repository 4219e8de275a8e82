using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Customers.Features.AddCustomer;

/// <summary>
/// Every rule of adding a customer, in one place: the input rules (run by the pipeline before the handler, and
/// by the portal's review step) and the rules that ask the data — R-PC-4 only a provider adds, R-PC-5 the domain
/// is free, R-PC-4 the reseller's partnership is active, R-VAL-4 the partner holds GCC. The review step and the
/// handler call the same methods, so the review says exactly what the submit would refuse, with the same codes
/// and messages (the portal shows each code's localised text).
/// </summary>
internal sealed class AddCustomerRules(CustomersDbContext db, CustomerScope scope, IMediator mediator) : IRequestValidator<AddCustomerCommand>
{
    private static readonly ValidationFailure DomainInvalid = new("companyProfile.domain", CustomerErrorCodes.DomainInvalid,
        "The primary domain is name.onmicrosoft.com: 1 to 27 letters, digits or inner hyphens, then .onmicrosoft.com.");

    private static readonly ValidationFailure CodeRequired = new("validationCode", CustomerErrorCodes.ValidationCodeRequired,
        "A Government Community Cloud customer needs one of your GCC validation codes.");

    public IEnumerable<ValidationFailure> Validate(AddCustomerCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Input(request.Customer);
    }

    /// <summary>The portal's review step: everything the submit checks before it writes, refused the same way.</summary>
    public async Task ReviewAsync(Guid tenantId, AddCustomerRequest request, CancellationToken cancellationToken)
    {
        EnsureProvider();
        var failures = Input(request).ToList();
        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures);
        }

        await EnsureAllowedAsync(tenantId, request, cancellationToken);
    }

    /// <summary>R-PC-4: a reseller's customer is created by its provider, naming the reseller (docs/adr/0014-customers.md).</summary>
    public void EnsureProvider() =>
        scope.EnsureProvider(CustomerErrorCodes.ResellerCannotManage, "Your indirect provider adds customers for your organisation.");

    /// <summary>The rules that depend on the data; the first broken one is thrown.</summary>
    public async Task EnsureAllowedAsync(Guid tenantId, AddCustomerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var domain = Domain(request);
        if (await db.CustomerTenants.AnyAsync(t => t.Domain == domain, cancellationToken))
        {
            throw DomainTaken(domain);
        }

        if (request.AssociatedPartnerId is { } reseller)
        {
            var partnership = await mediator.Send(new GetPartnershipQuery(tenantId, reseller), cancellationToken);
            if (partnership is not { Status: PartnershipStatus.Active })
            {
                throw new DomainRuleException(CustomerErrorCodes.ResellerPartnershipNotActive,
                    "You can add a customer for an indirect reseller only while your partnership with it is active.");
            }
        }

        if (request.Gcc)
        {
            await GccRules.EnsurePartnerQualifiedAsync(mediator, tenantId, cancellationToken);
        }
    }

    /// <summary>The primary domain in its stored form; a domain the input rules refuse is refused here the same way.</summary>
    public static string Domain(AddCustomerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CustomerDomainName.Normalize(request.Domain) ?? throw new RequestValidationException([DomainInvalid]);
    }

    /// <summary>The GCC validation code of a GCC customer (null for any other); a missing one is refused as the input rules do.</summary>
    public static string? GccValidationCode(AddCustomerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Gcc ? request.GccValidationCode ?? throw new RequestValidationException([CodeRequired]) : null;
    }

    public static DomainRuleException DomainTaken(string domain) =>
        new(CustomerErrorCodes.DomainTaken, $"The domain {domain} is taken. Choose another name.", DomainErrorKind.Conflict);

    public static IEnumerable<ValidationFailure> Input(AddCustomerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CustomerDomainName.Normalize(request.Domain) is null)
        {
            yield return DomainInvalid;
        }

        var address = request.Address;
        foreach (var failure in Required(request.CompanyName, "billingProfile.companyName", 300, "the company's legal name")
                     .Concat(Required(address.AddressLine1, "billingProfile.defaultAddress.addressLine1", 200, "the address"))
                     .Concat(Required(address.City, "billingProfile.defaultAddress.city", 100, "the city"))
                     .Concat(Required(address.PostalCode, "billingProfile.defaultAddress.postalCode", 20, "the postal code"))
                     .Concat(Required(address.FirstName, "billingProfile.defaultAddress.firstName", 50, "the contact's first name"))
                     .Concat(Required(address.LastName, "billingProfile.defaultAddress.lastName", 50, "the contact's last name"))
                     .Concat(Required(request.Email, "billingProfile.email", 320, "the contact e-mail")))
        {
            yield return failure;
        }

        if (request.Email.Length > 0 && !CustomerInput.IsEmail(request.Email))
        {
            yield return new("billingProfile.email", "invalid", "The contact e-mail is not an e-mail address.");
        }

        var country = AddCustomerRequest.Text(address.Country);
        if (!LocaleChoices.IsCountry(country))
        {
            yield return new("billingProfile.defaultAddress.country", "invalid", "The country is a two-letter ISO code of a country, e.g. US.");
        }

        if (!CustomerInput.IsCulture(request.Culture))
        {
            yield return new("billingProfile.culture", "invalid", "The culture is a culture name, e.g. en-US.");
        }

        if (!LocaleChoices.IsLanguage(request.Language))
        {
            yield return new("billingProfile.language", "invalid", "The language is a two-letter ISO code of a language, e.g. en.");
        }

        if (address.AddressLine2 is { Length: > 200 } || address.State is { Length: > 50 })
        {
            yield return new("billingProfile.defaultAddress", "too_long", "An address field is too long.");
        }

        if (!string.IsNullOrWhiteSpace(address.PostalCode) && address.PostalCode.Trim().Length <= 20 && !ContactFormats.IsPostalCode(address.PostalCode, country))
        {
            yield return new("billingProfile.defaultAddress.postalCode", "invalid", "The postal code is not one of the country's postal codes (a US ZIP code is 12345 or 12345-6789).");
        }

        if (!string.IsNullOrWhiteSpace(address.PhoneNumber) && !ContactFormats.IsPhoneNumber(address.PhoneNumber))
        {
            yield return new("billingProfile.defaultAddress.phoneNumber", "invalid", "The phone number is digits with spaces, hyphens or brackets, e.g. +1 425 555 0100.");
        }

        if (request.SpecialQualification is not null && !request.Gcc)
        {
            yield return new("qualification", CustomerErrorCodes.QualificationNotSupported,
                "The special qualification is None or GovernmentCommunityCloud.");
        }
        else if (request.Gcc && request.GccValidationCode is null)
        {
            yield return CodeRequired;
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
