using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Portal;

/// <summary>
/// An unknown account costs what a known one costs: one hash verification, against a hash of a random password
/// nobody knows (issue 18: no account oracle by timing).
/// </summary>
internal static class PasswordTiming
{
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<GccSaaSUser>().HashPassword(new GccSaaSUser(), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")));

    public static void VerifyDummy(IPasswordHasher<GccSaaSUser> hasher, string? password) =>
        _ = hasher.VerifyHashedPassword(new GccSaaSUser(), DummyHash.Value, password ?? string.Empty);
}
