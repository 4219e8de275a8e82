namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// A named, platform-level path through row-level security (ADR 0021). Code that has checked that its caller may act
/// across tenants (a Validation reviewer at the review desk) enters the path by name; every statement sent meanwhile
/// sets the transaction-local <see cref="Setting"/> to that name beside the tenant (<see cref="TenantSql"/>), and a
/// policy on exactly the tables the path needs admits that name and nothing else. Everywhere else the setting is empty.
/// </summary>
public static class PlatformAccess
{
    /// <summary>The per-transaction setting that a platform path's policy compares with.</summary>
    public const string Setting = "app.platform_access";

    /// <summary>The validation review desk: reads validation cases of every tenant (ADR 0010, ADR 0021).</summary>
    public const string ValidationReview = "validation_review";

    private static readonly AsyncLocal<string?> CurrentName = new();

    /// <summary>The path the current flow is on, or null.</summary>
    public static string? Current => CurrentName.Value;

    /// <summary>Enters the named path until the returned scope is disposed; restores the previous one then.</summary>
    public static IDisposable Enter(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            throw new ArgumentException("A platform path is named in lower-case letters and underscores.", nameof(name));
        }

        var previous = CurrentName.Value;
        CurrentName.Value = name;
        return new Scope(previous);
    }

    /// <summary>
    /// Enters the named path and, when the scope's session already has a transaction open (a request the pipeline runs in
    /// one), writes it on that transaction too, whose statements are not prefixed; disposing restores both. Synchronous
    /// on purpose: an <see cref="AsyncLocal{T}"/> set inside an async method does not flow back to its caller.
    /// </summary>
    public static IDisposable Enter(string name, DatabaseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var scope = Enter(name);
        try
        {
            session.RefreshTransactionSettings();
        }
        catch
        {
            scope.Dispose();
            throw;
        }

        return new SessionScope(scope, session);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentName.Value = previous;
    }

    private sealed class SessionScope(IDisposable scope, DatabaseSession session) : IDisposable
    {
        public void Dispose()
        {
            scope.Dispose();
            session.RefreshTransactionSettings();
        }
    }
}
