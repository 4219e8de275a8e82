namespace GccSaaS.Modules.Identity;

/// <summary>The stable codes of the Identity module's refusals, with their /v1 number and status (clients branch on them).</summary>
[ErrorCodeTable("IdentityErrorCodes.csv")]
internal static partial class IdentityErrorCodes;
