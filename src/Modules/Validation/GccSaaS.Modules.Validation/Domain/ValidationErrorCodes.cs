namespace GccSaaS.Modules.Validation.Domain;

/// <summary>The stable refusal codes of the Validation module (API <c>code</c>, page messages, tests).</summary>
/// <remarks>
/// The module's table of <c>/v1</c> codes, registered in its <c>ModuleParts</c>: a constant marked
/// <see cref="ApiErrorAttribute"/> is the module's own code, with its number and status; a constant without one is
/// Customers' <c>partner_not_gcc_qualified</c>, refused here with the same meaning and numbered there.
/// </remarks>
[ErrorCodeTable("ValidationErrorCodes.csv")]
internal static partial class ValidationErrorCodes;
