using System.Globalization;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Resources;

namespace GccSaaS.Modules.Ordering.Features;

/// <summary>
/// Words Ordering's refusals from its resource (<c>Error_{code}</c>) in the request's culture, with the rule's values
/// (an offer's name, its seat bounds), so the API's problem description and the portal's message say the same thing
/// in the caller's language. A code without a text keeps its English fallback.
/// </summary>
internal sealed class OrderingRefusals(IStringLocalizer<OrderingResource> texts)
{
    public string Describe(string code, params object[] arguments)
    {
        var text = texts["Error_" + code];
        return text.ResourceNotFound ? code : string.Format(CultureInfo.CurrentCulture, text.Value, arguments);
    }

    public string Describe(CheckoutProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Describe(problem.Code, problem.Arguments ?? []);
    }

    public DomainRuleException Refuse(string code, DomainErrorKind kind = DomainErrorKind.RuleViolated, params object[] arguments) =>
        new(code, Describe(code, arguments), kind);

    public DomainRuleException Refuse(CheckoutProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Code, Describe(problem));
    }

    public DomainRuleException CustomerNotFound(Guid customerId) =>
        Refuse(OrderingErrorCodes.CustomerNotFound, DomainErrorKind.NotFound, customerId);

    public DomainRuleException CartNotFound(Guid cartId) =>
        Refuse(OrderingErrorCodes.CartNotFound, DomainErrorKind.NotFound, cartId);
}
