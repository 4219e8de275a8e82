namespace GccSaaS.Modules.Ordering.Domain;

/// <summary>The stable codes of the Ordering module's refusals (clients branch on them).</summary>
/// <remarks>
/// The module's table of <c>/v1</c> codes, registered in its <c>ModuleParts</c>: a constant marked
/// <see cref="ApiErrorAttribute"/> is the module's own code, with its number and status; a constant without one is
/// Customers' <c>customer_not_found</c>, <c>partner_not_gcc_qualified</c> and <c>reseller_partnership_not_active</c>, refused here with the same meaning and numbered there.
/// </remarks>
[ErrorCodeTable("OrderingErrorCodes.csv")]
internal static partial class OrderingErrorCodes;
