namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>A clock the test moves; the product reads time only through <see cref="TimeProvider"/>.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
