using System.Text.Json.Serialization;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.CustomerList;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>
/// Partner Center's <c>Customer</c> resource (docs/api.md, Customers). <c>commerceId</c> is the customer's id (GccSaaS
/// keeps no separate commerce account); <c>allowDelegatedAccess</c> is only on a single customer, as in Partner Center.
/// </summary>
internal sealed record CustomerResource(
    Guid Id,
    Guid CommerceId,
    CompanyProfileResource CompanyProfile,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BillingProfileResource? BillingProfile,
    string RelationshipToPartner,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AllowDelegatedAccess,
    Guid? AssociatedPartnerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UserCredentialsResource? UserCredentials,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<QualificationResource>? Qualifications,
    ResourceLinks Links,
    ResourceAttributes Attributes)
{
    /// <summary>A row of the list; <paramref name="resellerTenantId"/> is its reseller's tenant ID (Partner Center's id).</summary>
    public static CustomerResource From(CustomerRow row, Guid? resellerTenantId) => new(
        row.CustomerTenantId,
        row.CustomerTenantId,
        CompanyProfileResource.Of(row.CustomerTenantId, row.Domain, row.CompanyName),
        null,
        "reseller",
        null,
        resellerTenantId,
        null,
        row.GccStatus is null ? [] : [new QualificationResource(Contracts.CustomerQualifications.GovernmentCommunityCloud, row.GccStatus, null, null)],
        ResourceLinks.To($"/v1/customers/{row.CustomerTenantId}"),
        ResourceAttributes.Customer);

    public static CustomerResource From(CustomerDetails details, Guid? resellerTenantId, UserCredentialsResource? credentials = null)
    {
        var p = details.Profile;
        var address = new AddressResource(p.AddressLine1, p.AddressLine2, p.City, p.State, p.PostalCode, p.Country, p.ContactFirstName, p.ContactLastName, p.PhoneNumber);
        return new CustomerResource(
            p.Id,
            p.Id,
            CompanyProfileResource.Of(p.Id, p.Domain, p.CompanyName),
            BillingProfileResource.Of(p.Id, p.Email, p.Culture, p.Language, p.CompanyName, address),
            "reseller",
            details.Grants.Any(g => g.GranteeKind == GranteeKinds.Provider),
            resellerTenantId,
            credentials,
            [.. details.Qualifications.Select(QualificationResource.From)],
            ResourceLinks.To($"/v1/customers/{p.Id}"),
            ResourceAttributes.Customer);
    }
}

/// <summary>Partner Center's <c>CustomerCompanyProfile</c>.</summary>
internal sealed record CompanyProfileResource(Guid TenantId, string Domain, string CompanyName, ResourceAttributes Attributes)
{
    public static CompanyProfileResource Of(Guid tenantId, string domain, string companyName) =>
        new(tenantId, domain, companyName, new ResourceAttributes("CustomerCompanyProfile"));
}

/// <summary>
/// Partner Center's <c>CustomerBillingProfile</c>: its <c>id</c> is derived from the customer's (stable, distinct from
/// it) and <c>attributes.etag</c> changes whenever the profile's content does.
/// </summary>
internal sealed record BillingProfileResource(
    Guid Id, string Email, string Culture, string Language, string CompanyName, AddressResource DefaultAddress, EtagAttributes Attributes)
{
    public static BillingProfileResource Of(Guid customerId, string email, string culture, string language, string companyName, AddressResource address)
    {
        var id = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("billingProfile:" + customerId))[..16]);
        var content = System.Text.Json.JsonSerializer.Serialize(new { email, culture, language, companyName, address });
        var etag = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)))[..32];
        return new(id, email, culture, language, companyName, address, new EtagAttributes(etag, "CustomerBillingProfile"));
    }
}

internal sealed record EtagAttributes(string Etag, string ObjectType);

/// <summary>A resource's <c>links</c>: <c>self</c>, as Partner Center's resources carry it.</summary>
internal sealed record ResourceLinks(SelfLink Self)
{
    public static ResourceLinks To(string uri) => new(new SelfLink(uri, "GET", []));
}

internal sealed record SelfLink(string Uri, string Method, IReadOnlyList<object> Headers);

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

/// <summary>
/// R-CUS-2: only in the answer to the request that created the customer; <c>password</c> is null on a retry.
/// <c>userName</c> is <c>admin</c>, as in Partner Center: the administrator signs in as <c>admin@</c> the customer's domain.
/// </summary>
internal sealed record UserCredentialsResource(string UserName, string? Password)
{
    public const string AdminUserName = "admin";
}

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
