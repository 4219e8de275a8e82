namespace GccSaaS.Modules.Customers.Domain;

/// <summary>The stable codes of the Customers module's refusals, with their /v1 number and status (clients branch on them).</summary>
[ErrorCodeTable("CustomerErrorCodes.csv")]
internal static partial class CustomerErrorCodes;
