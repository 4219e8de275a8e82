using System.Globalization;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using System.Security.Claims;

namespace GccSaaS.UnitTests.Web;

/// <summary>Issue 16: one time format — the culture's short date and time in the reader's zone, with the zone named.</summary>
public sealed class PortalTimeTests
{
    private static readonly DateTimeOffset Instant = new(2026, 12, 5, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_moment_is_written_in_the_zone_with_the_zone_named()
    {
        using var culture = new CultureScope("en-US");
        // 21:00 in Berlin (CET, UTC+1) on the same evening; "g" as the culture writes it (ICU's narrow space before PM).
        var berlin = new DateTime(2026, 12, 5, 21, 0, 0).ToString("g", CultureInfo.CurrentCulture);
        Assert.Equal(berlin + " Europe/Berlin", PortalTime.Format(Instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        Assert.Matches(@"^12/5/2026 9:00\W?PM Europe/Berlin$", PortalTime.Format(Instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        Assert.Equal(new DateTime(2026, 12, 5, 20, 0, 0).ToString("g", CultureInfo.CurrentCulture) + " UTC", PortalTime.Format(Instant, TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_users_choice_wins_over_the_browsers_zone_which_wins_over_UTC()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "gccsaas.tz=America%2FNew_York";
        Assert.Equal("America/New_York", PortalTime.ZoneOf(context).Id);

        var chosen = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(GccSaaSClaimTypes.TimeZone, "Asia/Tokyo")], "test")) };
        chosen.Request.Headers.Cookie = "gccsaas.tz=America%2FNew_York";
        Assert.Equal("Asia/Tokyo", PortalTime.ZoneOf(chosen).Id);

        Assert.Equal(TimeZoneInfo.Utc, PortalTime.ZoneOf(new DefaultHttpContext()));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_known_IANA_zone_is_no_zone(string? id)
    {
        Assert.Null(PortalTime.Find(id));
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "gccsaas.tz=" + Uri.EscapeDataString(id ?? string.Empty);
        Assert.Equal(TimeZoneInfo.Utc, PortalTime.ZoneOf(context));
    }

    [Fact]
    public void The_picker_offers_the_IANA_zones_and_UTC() =>
        Assert.Superset(new HashSet<string> { "UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo" }, PortalTime.Zones.ToHashSet());

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentCulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentCulture = _previous;
    }
}
