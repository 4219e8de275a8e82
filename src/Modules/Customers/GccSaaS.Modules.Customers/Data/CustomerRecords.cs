namespace GccSaaS.Modules.Customers.Data;

/// <summary>
/// A customer's own cloud tenant (platform level, no tenant_id): its id is the customer's tenant ID, its
/// primary domain <c>name.onmicrosoft.com</c> is unique (stored lower-case, R-PC-5). Only this module touches
/// it; every query serving a provider reaches it through that provider's <see cref="Customer"/> rows.
/// </summary>
internal sealed class CustomerTenant
{
    public Guid Id { get; set; }

    public string CompanyName { get; set; } = "";

    public string Domain { get; set; } = "";

    public string AddressLine1 { get; set; } = "";

    public string? AddressLine2 { get; set; }

    public string City { get; set; } = "";

    public string? State { get; set; }

    public string PostalCode { get; set; } = "";

    public string Country { get; set; } = "";

    public string ContactFirstName { get; set; } = "";

    public string ContactLastName { get; set; } = "";

    public string Email { get; set; } = "";

    public string? PhoneNumber { get; set; }

    public string Culture { get; set; } = "";

    public string Language { get; set; } = "";

    /// <summary>The provider tenant that created it, or null (created by the vendor: a direct customer).</summary>
    public Guid? CreatedByTenantId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>R-CUS-2: the customer tenant's administrator: a user name and a password hash, never the password.</summary>
internal sealed class CustomerTenantAdmin
{
    public Guid CustomerTenantId { get; set; }

    public string UserName { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Workspace sign-in failures in a row; five lock it for 15 minutes, as the portal's sign-in does.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Changes with the password, so a workspace cookie issued before a reset stops working.</summary>
    public Guid CredentialStamp { get; set; }
}

/// <summary>Which provider tenants hold a customer tenant (platform level): where its CSP subscriptions are.</summary>
internal sealed class CustomerTenantProvider
{
    public Guid CustomerTenantId { get; set; }

    public Guid ProviderTenantId { get; set; }

    public DateTimeOffset Since { get; set; }
}

/// <summary>R-ORD-7: a user of the customer tenant (owned by the customer tenant: its id is the tenant id, RLS).</summary>
internal sealed class CustomerUser : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>R-ORD-7: one license of a product assigned to one of the customer's users.</summary>
internal sealed class LicenseAssignment : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string ProductId { get; set; } = "";

    public Guid UserId { get; set; }

    public DateTimeOffset AssignedAt { get; set; }
}

/// <summary>R-PC-1, R-VAL-8: a special qualification of a customer tenant with its vetting status (platform level).</summary>
internal sealed class CustomerQualification
{
    public Guid CustomerTenantId { get; set; }

    public string Qualification { get; set; } = "";

    public string VettingStatus { get; set; } = "";

    public string? VettingReason { get; set; }

    /// <summary>The provider tenant that asked for it (whose validation code or case it rests on).</summary>
    public Guid? RequestedByTenantId { get; set; }

    public string? ValidationCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>R-REL-6: a subscription the customer bought directly from the vendor: read-only to every partner.</summary>
internal sealed class DirectSubscription
{
    public Guid CustomerTenantId { get; set; }

    public Guid Id { get; set; }

    public string OfferName { get; set; } = "";

    public int Quantity { get; set; }

    public string Status { get; set; } = "";

    public string AdvisorOfRecord { get; set; } = "";

    public DateTimeOffset PurchasedAt { get; set; }
}

/// <summary>
/// The provider's link to a customer tenant (tenant-owned, RLS): the customer id is the customer's tenant ID,
/// as in Partner Center. Name and domain are copied from the customer tenant so the list is searched and paged
/// on one table's indexes.
/// </summary>
internal sealed class Customer : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CustomerTenantId { get; set; }

    public string CompanyName { get; set; } = "";

    /// <summary>lower(CompanyName): the keyset order and the starts-with search.</summary>
    public string SortName { get; set; } = "";

    public string Domain { get; set; } = "";

    /// <summary>R-CUS-3: the reseller organisation (partner directory id) the customer is associated with.</summary>
    public Guid? ResellerOrganisationId { get; set; }

    /// <summary>How the customer came: Created (Add customer) or Relationship (accepted a reseller relationship request).</summary>
    public string Origin { get; set; } = "";

    /// <summary>The MS-RequestId (or portal submission id) that created it: a retry answers the same customer.</summary>
    public Guid? CreatedRequestId { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public string CreatedByName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>R-CUS-3: who holds delegated admin rights on a customer: the provider, and the associated reseller.</summary>
internal sealed class DelegatedAdminGrant : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CustomerTenantId { get; set; }

    /// <summary>Provider or Reseller: one grant of each at most.</summary>
    public string GranteeKind { get; set; } = "";

    /// <summary>The reseller organisation for a Reseller grant; null for the provider's own.</summary>
    public Guid? GranteeOrganisationId { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>R-CUS-6: a reseller's permissions as the customer's administrator narrowed them; null: the default set.</summary>
    public List<string>? Permissions { get; set; }

    /// <summary>When the grant ends (the expiry job removes it then); null: no end.</summary>
    public DateTimeOffset? EndsAt { get; set; }
}

/// <summary>R-CUS-4, R-PC-6: the provider's attestation that the customer accepted an agreement (append-only).</summary>
internal sealed class CustomerAgreement : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid CustomerTenantId { get; set; }

    public string AgreementType { get; set; } = "";

    public string ContactFirstName { get; set; } = "";

    public string ContactLastName { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    public string? ContactPhone { get; set; }

    public DateTimeOffset DateAgreed { get; set; }

    public Guid? RecordedByUserId { get; set; }

    public string RecordedByName { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One line of the customer's own activity list (owned by the customer tenant, RLS, append-only).</summary>
internal sealed class CustomerActivity : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What happened: a key of the module's texts (<c>Activity_{Action}</c>).</summary>
    public string Action { get; set; } = "";

    /// <summary>What it concerned, in plain words (a product, a user's e-mail, a partner's name).</summary>
    public string Detail { get; set; } = "";

    public string Actor { get; set; } = "";
}

/// <summary>
/// One word of a customer's name, or its whole domain (issue 16's search by any word); written only by the database
/// trigger on customers (migration CustomerNameWords), read by the list's search.
/// </summary>
internal sealed class CustomerNameWord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Word { get; set; } = "";

    public Guid CustomerTenantId { get; set; }
}
