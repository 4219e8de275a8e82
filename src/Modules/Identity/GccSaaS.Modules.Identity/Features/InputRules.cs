using System.ComponentModel.DataAnnotations;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Features;

/// <summary>Input rules shared by the identity commands, with messages in the user's language.</summary>
internal static class InputRules
{
    private static readonly EmailAddressAttribute EmailRule = new();

    public static IEnumerable<ValidationFailure> Email(string field, string? email, IStringLocalizer<IdentityResource> l)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 256 || !EmailRule.IsValid(email.Trim()))
        {
            yield return new ValidationFailure(field, "invalid_email", l["ErrorInvalidEmail", email ?? string.Empty]);
        }
    }

    public static IEnumerable<ValidationFailure> Text(string field, string? value, int maxLength, IStringLocalizer<IdentityResource> l)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new ValidationFailure(field, "required", l["ErrorRequired"]);
        }
        else if (value.Trim().Length > maxLength)
        {
            yield return new ValidationFailure(field, "too_long", l["ErrorTooLong", maxLength]);
        }
    }

    /// <summary>R-PAR-1: a tenant role; reseller roles, and only they, name a reseller organisation.</summary>
    public static IEnumerable<ValidationFailure> TenantRole(string field, string? role, Guid? resellerOrganisationId, IStringLocalizer<IdentityResource> l)
    {
        if (role is null || !GccSaaSRoles.IsTenantRole(role))
        {
            yield return new ValidationFailure(field, "invalid_role", l["ErrorInvalidRole"]);
        }
        else if (GccSaaSRoles.IsResellerRole(role) && (resellerOrganisationId is null || resellerOrganisationId == Guid.Empty))
        {
            yield return new ValidationFailure("resellerOrganisationId", "reseller_organisation_required", l["ErrorResellerOrganisationRequired"]);
        }
        else if (!GccSaaSRoles.IsResellerRole(role) && resellerOrganisationId is not null)
        {
            yield return new ValidationFailure("resellerOrganisationId", "reseller_organisation_not_allowed", l["ErrorResellerOrganisationNotAllowed"]);
        }
    }

    public static string NormalizeEmail(string email) => email.Trim();
}
