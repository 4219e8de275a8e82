using System.Globalization;
using System.Resources;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// A Validation refusal worded when it is raised: <c>Error_{code}</c> of the module's resource in the current culture
/// (the request's), so the API's problem details say it in the caller's language as the portal does. The texts share
/// the placeholders <see cref="GccSaaS.BuildingBlocks.Web.RefusalTexts"/> fills: <c>{0}</c> is the support contact;
/// <c>{1}</c>… are values only the rule knows, and a text that needs them is shown as worded here.
/// </summary>
internal static class ValidationRefusal
{
    private static readonly ResourceManager Texts = new(typeof(ValidationResource));

    public static DomainRuleException Of(string code, DomainErrorKind kind = DomainErrorKind.RuleViolated) =>
        Of(code, ValidationSupport.DefaultContact, kind);

    public static DomainRuleException Of(string code, string supportContact, DomainErrorKind kind = DomainErrorKind.RuleViolated, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = Texts.GetString("Error_" + code, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"Validation has no text for the refusal '{code}'.");
        return new DomainRuleException(code, string.Format(CultureInfo.CurrentCulture, text, [supportContact, .. values]), kind);
    }
}
