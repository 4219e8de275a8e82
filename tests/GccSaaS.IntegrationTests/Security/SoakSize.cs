namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// How big the generated tests run: <c>GCCSAAS_SOAK_ROUNDS</c> (default 1, what build/test.sh runs). build/soak.sh
/// sets it higher (issue 18): the authorisation matrix sends its whole first phase that many times, and the hostile
/// batteries add that many minus one rounds of randomised hostile values per field (seeded, so a run repeats).
/// </summary>
public static class SoakSize
{
    public const string Variable = "GCCSAAS_SOAK_ROUNDS";

    public static int Rounds =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var rounds) && rounds > 1
            ? Math.Min(rounds, 1000)
            : 1;

    /// <summary>A seeded random source per (name, round), so a failing soak case repeats with the same value.</summary>
    public static Random RandomFor(string name, int round)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 2166136261u; // FNV-1a: string.GetHashCode differs between processes
        foreach (var c in name)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return new Random(unchecked((int)(hash ^ (uint)(round * 7919))));
    }

    /// <summary>Random letters, digits, spaces and non-ASCII letters: valid text that needs no escaping in JSON or a form.</summary>
    public static string Text(Random random, int maxLength = 120)
    {
        ArgumentNullException.ThrowIfNull(random);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 äöüßéèçñ€漢字";
        var length = random.Next(1, maxLength);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    /// <summary>A control character that every text field refuses (never tab, line feed or carriage return).</summary>
    public static char ControlCharacter(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        char c;
        do
        {
            c = (char)random.Next(0, 0x20);
        }
        while (c is '\t' or '\n' or '\r');
        return c;
    }

    /// <summary><paramref name="text"/> with <paramref name="inserted"/> at a random position.</summary>
    public static string Insert(Random random, string text, string inserted)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(text);
        return text.Insert(random.Next(text.Length + 1), inserted);
    }
}
