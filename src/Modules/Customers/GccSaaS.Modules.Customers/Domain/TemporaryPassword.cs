using System.Security.Cryptography;

namespace GccSaaS.Modules.Customers.Domain;

/// <summary>
/// R-CUS-2: the customer administrator's strong temporary password: 16 characters from
/// <see cref="RandomNumberGenerator"/>, at least one upper-case letter, lower-case letter, digit and symbol,
/// without look-alikes (0/O, 1/l/I) so it can be read out.
/// </summary>
internal static class TemporaryPassword
{
    public const int Length = 16;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%*+-=?@";
    private const string All = Upper + Lower + Digits + Symbols;

    public static string Generate()
    {
        var chars = new char[Length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < Length; i++)
        {
            chars[i] = All[RandomNumberGenerator.GetInt32(All.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    /// <summary>Whether a password meets the rule above (what the tests hold every generated one to).</summary>
    public static bool IsStrong(string password) =>
        password.Length >= Length
        && password.Any(Upper.Contains)
        && password.Any(Lower.Contains)
        && password.Any(Digits.Contains)
        && password.Any(Symbols.Contains);
}
