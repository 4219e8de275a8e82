namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// An HTTP-level refusal under <c>/v1</c> (a malformed paging token, a bad header) that answers as problem
/// details with this status, stable <see cref="Code"/> and <see cref="Description"/>. Business refusals
/// stay <c>DomainRuleException</c>s raised by handlers.
/// </summary>
public sealed class ApiProblemException(int statusCode, string code, string description, object? data = null) : Exception(description)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    public string Description { get; } = description;

    /// <summary>Details for the client (e.g. which field), written as the problem's <c>data</c>.</summary>
    public object? ProblemData { get; } = data;
}
