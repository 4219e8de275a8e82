using System.Text.Json.Serialization;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Domain;

namespace GccSaaS.Modules.Customers.Features.AddCustomer;

/// <summary>
/// R-CUS-1: the customer to add, in Partner Center's shape plus the special qualification. It is the body of
/// <c>POST /v1/customers</c> as it is, and what the portal's form turns into (<see cref="AddCustomerForm.ToRequest"/>),
/// so both reach <see cref="AddCustomerCommand"/> as the same record. The read-only properties below are its one
/// reading: absent text is empty (the rules refuse it), text is trimmed, "None" is no qualification.
/// </summary>
internal sealed record AddCustomerRequest(
    CompanyProfileRequest? CompanyProfile,
    BillingProfileRequest? BillingProfile,
    Guid? AssociatedPartnerId,
    string? Qualification,
    string? ValidationCode)
{
    [JsonIgnore]
    public string Domain => Text(CompanyProfile?.Domain);

    [JsonIgnore]
    public string CompanyName => Text(BillingProfile?.CompanyName);

    [JsonIgnore]
    public string Email => Text(BillingProfile?.Email);

    /// <summary>The culture in its canonical case (<c>EN-US</c> is <c>en-US</c>, as Partner Center's own example sends it).</summary>
    [JsonIgnore]
    public string Culture => CustomerInput.CanonicalCulture(Text(BillingProfile?.Culture));

    /// <summary>The two-letter language in lower case (<c>En</c> is <c>en</c>).</summary>
    [JsonIgnore]
    public string Language => Text(BillingProfile?.Language).ToLowerInvariant();

    [JsonIgnore]
    public AddressRequest Address => BillingProfile?.DefaultAddress ?? AddressRequest.Empty;

    /// <summary><c>GovernmentCommunityCloud</c> (or another name the rules refuse), null for none.</summary>
    [JsonIgnore]
    public string? SpecialQualification => string.IsNullOrWhiteSpace(Qualification) || Qualification.Trim() == "None" ? null : Qualification.Trim();

    [JsonIgnore]
    public bool Gcc => SpecialQualification == CustomerQualifications.GovernmentCommunityCloud;

    /// <summary>The validation code, only for a GCC customer.</summary>
    [JsonIgnore]
    public string? GccValidationCode => Gcc && !string.IsNullOrWhiteSpace(ValidationCode) ? ValidationCode.Trim() : null;

    internal static string Text(string? value) => value?.Trim() ?? string.Empty;
}

internal sealed record CompanyProfileRequest(string? Domain);

internal sealed record BillingProfileRequest(string? Email, string? Culture, string? Language, string? CompanyName, AddressRequest? DefaultAddress);

internal sealed record AddressRequest(
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? State,
    string? PostalCode,
    string? Country,
    string? FirstName,
    string? LastName,
    string? PhoneNumber)
{
    public static readonly AddressRequest Empty = new(null, null, null, null, null, null, null, null, null);
}
