namespace GccSaaS.Modules.Customers.Domain;

/// <summary>How a customer came onto the provider's list.</summary>
internal static class CustomerOrigins
{
    /// <summary>R-CUS-1: the provider added it (a new customer tenant).</summary>
    public const string Created = "Created";

    /// <summary>R-REL-4: the customer accepted a reseller relationship request.</summary>
    public const string Relationship = "Relationship";
}

/// <summary>R-CUS-3: who holds delegated admin rights.</summary>
internal static class GranteeKinds
{
    public const string Provider = "Provider";
    public const string Reseller = "Reseller";
}
