using MediatR;

namespace GccSaaS.Modules.Customers.Contracts;

/// <summary>The special qualification names a customer tenant carries (R-VAL-8, R-PC-1).</summary>
public static class CustomerQualifications
{
    public const string GovernmentCommunityCloud = "GovernmentCommunityCloud";
}

/// <summary>
/// R-CUS-1: the provider added a customer (a new customer tenant), associated with
/// <paramref name="ResellerOrganisationId"/> when one was chosen (R-PC-4), holding the GCC qualification when a
/// validation code was given (R-PC-2). No contact or address of the customer.
/// </summary>
public sealed record CustomerCreatedNotification(
    Guid TenantId,
    Guid CustomerId,
    string Domain,
    Guid? ResellerOrganisationId,
    bool GccQualified,
    DateTimeOffset CreatedAt) : INotification;

/// <summary>
/// R-CUS-3: the customer's reseller of record is now <paramref name="ResellerOrganisationId"/> (null: the Global
/// admin removed it, R-PC-11): on a change of reseller, and when a customer is added with one.
/// </summary>
public sealed record CustomerResellerAssociatedNotification(
    Guid TenantId,
    Guid CustomerId,
    Guid? ResellerOrganisationId,
    DateTimeOffset AssociatedAt) : INotification;

/// <summary>A customer's own cloud tenant (platform level), as other modules may see it.</summary>
public sealed record CustomerTenantDto(
    Guid CustomerTenantId,
    string CompanyName,
    string PrimaryDomain,
    bool GccQualified);

/// <summary>
/// How a customer administrator proves who they are when accepting a reseller relationship request
/// (R-REL-4): the admin user name and password of their customer tenant (R-CUS-2). Answers the customer
/// tenant, or null when the credentials do not match (never says which part was wrong).
/// </summary>
public sealed record AuthenticateCustomerAdministratorQuery(string UserName, string Password) : IRequest<CustomerTenantDto?>;

/// <summary>
/// How many of the tenant's customers each reseller organisation is associated with (the Indirect resellers
/// page asks for one page of resellers at once, never one query per row).
/// </summary>
public sealed record CountCustomersByResellerQuery(Guid TenantId, IReadOnlyCollection<Guid> ResellerOrganisationIds)
    : IRequest<IReadOnlyDictionary<Guid, int>>;

/// <summary>
/// What Ordering must know before a purchase for a customer of the tenant (R-CUS-4, R-PC-3, R-PC-6, R-VAL-8,
/// R-ORD-1): null when the tenant has no such customer, or when <paramref name="ResellerOrganisationId"/> (a
/// reseller caller's organisation) is given and the customer is not associated with it (R-CUS-3).
/// </summary>
public sealed record GetCustomerPurchaseEligibilityQuery(Guid TenantId, Guid CustomerId, Guid? ResellerOrganisationId)
    : IRequest<CustomerPurchaseEligibility?>;

/// <param name="CustomerTenantId">The customer (its tenant id).</param>
/// <param name="ResellerOrganisationId">Its reseller of record, if a reseller is associated (R-CUS-3).</param>
/// <param name="HasAgreementAttestation">R-CUS-4, R-PC-6: a customer agreement attestation is recorded.</param>
/// <param name="GccOnly">
/// R-PC-3, R-VAL-8: the customer holds the approved GCC qualification, so it may be sold only GCC offers; it is also
/// R-ORD-1's "validated for GCC" (one qualification for the whole GCC family, R-VAL-9). Whether the partner holds
/// the qualification (R-VAL-4) is Partners' answer.
/// </param>
public sealed record CustomerPurchaseEligibility(
    Guid CustomerTenantId,
    Guid? ResellerOrganisationId,
    bool HasAgreementAttestation,
    bool GccOnly)
{
    /// <summary>R-CUS-6: what the caller may do on the customer (a reseller's as its customer's administrator left them; a provider's: all).</summary>
    public IReadOnlyList<string> Permissions { get; init; } = DelegatedPermissions.Defaults;
}

/// <summary>
/// Fills the demo with Relecloud Government, a direct customer of the vendor with two subscriptions bought
/// directly and not yet anyone's customer (it joins through a reseller relationship request). Idempotent;
/// sent by the host's demo seed. Answers how many rows it added.
/// </summary>
public sealed record SeedDemoCustomersCommand : IRequest<int>;

/// <summary>
/// R-CUS-6: what a reseller holding delegated admin rights on a customer may do. Its default is all of them; the
/// customer's administrator narrows them and widens them back, never beyond the default. The provider holds all.
/// </summary>
public static class DelegatedPermissions
{
    public const string ManageAccount = "ManageAccount";
    public const string ManageSubscriptions = "ManageSubscriptions";
    public const string ManageUsers = "ManageUsers";
    public const string OpenSupportRequests = "OpenSupportRequests";
    public const string ReadBilling = "ReadBilling";

    public static readonly IReadOnlyList<string> Defaults = [ManageAccount, ManageSubscriptions, ManageUsers, OpenSupportRequests, ReadBilling];
}

/// <summary>
/// R-CUS-3, R-CUS-6: the permissions the tenant (the provider, or one of its resellers when
/// <paramref name="ResellerOrganisationId"/> is given) holds on the customer through its delegated admin rights, or
/// null when it holds none (removed by the customer's administrator, ended, or never granted): every provider and
/// reseller action on a customer asks this first and refuses when its permission is missing.
/// </summary>
public sealed record GetDelegatedPermissionsQuery(Guid TenantId, Guid CustomerTenantId, Guid? ResellerOrganisationId)
    : IRequest<IReadOnlyList<string>?>;
