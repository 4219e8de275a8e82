namespace GccSaaS.Modules.Partners.Domain;

/// <summary>The stable codes of the Partners module's refusals, with their /v1 number and status (clients branch on them).</summary>
[ErrorCodeTable("PartnersErrorCodes.csv")]
internal static partial class PartnersErrorCodes;
