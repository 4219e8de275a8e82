namespace GccSaaS.Modules.Customers.Contracts;

/// <summary>
/// The names of the policies that guard work with customers (R-CUS-3, R-REL-5, R-PC-6). Public because
/// Relationships' customer relationship requests are guarded by the same policies; the Customers module registers
/// them with the roles that satisfy each.
/// </summary>
public static class CustomersPolicies
{
    /// <summary>R-REL-5, R-PC-6: customer invitations and agreement attestations (provider users).</summary>
    public const string CanManageCustomers = "CanManageCustomers";

    /// <summary>Provider and reseller users who work with customers (resellers see only their own).</summary>
    public const string CanWorkWithCustomers = "CanWorkWithCustomers";
}
