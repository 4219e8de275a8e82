using System.Text.Json.Serialization;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Features.CustomerList;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>Partner Center's <c>Customer</c> resource (docs/api.md, Customers).</summary>
internal sealed record CustomerResource(
    Guid Id,
    CompanyProfileResource CompanyProfile,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BillingProfileResource? BillingProfile,
    string RelationshipToPartner,
    Guid? AssociatedPartnerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UserCredentialsResource? UserCredentials,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<QualificationResource>? Qualifications,
    ResourceAttributes Attributes)
{
    /// <summary>A row of the list; <paramref name="resellerTenantId"/> is its reseller's tenant ID (Partner Center's id).</summary>
    public static CustomerResource From(CustomerRow row, Guid? resellerTenantId) => new(
        row.CustomerTenantId,
        new CompanyProfileResource(row.CustomerTenantId, row.Domain, row.CompanyName),
        null,
        "reseller",
        resellerTenantId,
        null,
        row.GccStatus is null ? [] : [new QualificationResource(Contracts.CustomerQualifications.GovernmentCommunityCloud, row.GccStatus, null, null)],
        ResourceAttributes.Customer);

    public static CustomerResource From(CustomerDetails details, Guid? resellerTenantId, UserCredentialsResource? credentials = null)
    {
        var p = details.Profile;
        return new CustomerResource(
            p.Id,
            new CompanyProfileResource(p.Id, p.Domain, p.CompanyName),
            new BillingProfileResource(
                p.Email,
                p.Culture,
                p.Language,
                p.CompanyName,
                new AddressResource(p.AddressLine1, p.AddressLine2, p.City, p.State, p.PostalCode, p.Country, p.ContactFirstName, p.ContactLastName, p.PhoneNumber)),
            "reseller",
            resellerTenantId,
            credentials,
            [.. details.Qualifications.Select(QualificationResource.From)],
            ResourceAttributes.Customer);
    }
}

internal sealed record CompanyProfileResource(Guid TenantId, string Domain, string CompanyName);

internal sealed record BillingProfileResource(string Email, string Culture, string Language, string CompanyName, AddressResource DefaultAddress);

internal sealed record AddressResource(
    string AddressLine1,
    string? AddressLine2,
    string City,
    string? State,
    string PostalCode,
    string Country,
    string FirstName,
    string LastName,
    string? PhoneNumber);

/// <summary>R-CUS-2: only in the answer to the request that created the customer; <c>password</c> is null on a retry.</summary>
internal sealed record UserCredentialsResource(string UserName, string? Password);

/// <summary>R-PC-1: <c>{qualification, vettingStatus, vettingReason, vettingCreateDate}</c>.</summary>
internal sealed record QualificationResource(
    string Qualification,
    string VettingStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VettingReason,
    DateTimeOffset? VettingCreateDate)
{
    public static QualificationResource From(CustomerQualification q) => new(q.Qualification, q.VettingStatus, q.VettingReason, q.CreatedAt);
}

internal sealed record ResourceAttributes(string ObjectType)
{
    public static readonly ResourceAttributes Customer = new("Customer");
    public static readonly ResourceAttributes Agreement = new("Agreement");
}
