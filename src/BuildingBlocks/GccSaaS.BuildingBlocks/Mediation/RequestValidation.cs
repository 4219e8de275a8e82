namespace GccSaaS.BuildingBlocks.Mediation;

/// <summary>One broken input rule: which field, a stable code, and a message for people.</summary>
public sealed record ValidationFailure(string Field, string Code, string Message);

/// <summary>Input rules for a request, checked by the pipeline before any handler writes anything.</summary>
public interface IRequestValidator<in TRequest>
{
    IEnumerable<ValidationFailure> Validate(TRequest request);
}

/// <summary>A request refused for bad input (400 problem details of type <c>invalid_input</c>).</summary>
public sealed class RequestValidationException(IReadOnlyList<ValidationFailure> failures)
    : Exception("The request is not valid: " + string.Join("; ", failures.Select(f => $"{f.Field}: {f.Message}")))
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;
}

/// <summary>
/// A rule of the domain refused the request. <see cref="Code"/> is stable (clients branch on it);
/// the problem details status follows <see cref="Kind"/>.
/// </summary>
public class DomainRuleException(string code, string message, DomainErrorKind kind = DomainErrorKind.RuleViolated) : Exception(message)
{
    public string Code { get; } = code;

    public DomainErrorKind Kind { get; } = kind;
}

public enum DomainErrorKind
{
    /// <summary>422 in the portal: the request is well-formed but a business rule refuses it (on <c>/v1</c> 400, or 409 for a conflict: <c>ApiErrorCodes</c>).</summary>
    RuleViolated,

    /// <summary>404: not found, including another tenant's id (never revealed).</summary>
    NotFound,

    /// <summary>409: the state changed under the caller (a race, a duplicate).</summary>
    Conflict,

    /// <summary>403: the caller's role may not do this.</summary>
    Forbidden,
}
