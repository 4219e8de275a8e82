namespace GccSaaS.Modules.Relationships.Domain;

/// <summary>Stable snake_case codes of every refusal of the module, with their /v1 number and status.</summary>
[ErrorCodeTable("RelationshipErrorCodes.csv")]
internal static partial class RelationshipErrorCodes;
