namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The shape of a phone number and a postal code, for every form that takes one (customer, agreement contact,
/// validation case), so that "abc" is not a phone and sixteen letters are not a postal code anywhere.
/// </summary>
public static class ContactFormats
{
    public const int MaxPhoneLength = 50;

    /// <summary>
    /// Digits with the usual separators: an optional leading <c>+</c>, spaces, hyphens, dots, brackets, and an
    /// extension (<c>x</c>/<c>ext</c>); between 7 and 20 digits, as ITU-T E.164 numbers with an extension have.
    /// </summary>
    public static bool IsPhoneNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxPhoneLength)
        {
            return false;
        }

        var text = value.Trim();
        var extension = text.IndexOf("ext", StringComparison.OrdinalIgnoreCase) is var e and >= 0 ? e : text.IndexOfAny(['x', 'X']);
        var number = extension >= 0 ? text[..extension] : text;
        var suffix = extension >= 0 ? text[extension..].TrimStart('e', 'E', 'x', 'X', 't', 'T', '.', ' ') : string.Empty;
        if (suffix.Length > 0 && (suffix.Length > 6 || !suffix.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var digits = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(c is ' ' or '-' or '.' or '(' or ')' || (c == '+' && i == 0)))
            {
                return false;
            }
        }

        return digits is >= 7 and <= 15 && digits + suffix.Length <= 20;
    }

    /// <summary>
    /// A postal code for the country (ISO 3166 two-letter code): a US ZIP code is 5 digits or ZIP+4; elsewhere 2 to
    /// 10 letters and digits with at most single spaces or hyphens between them, and at least one digit (as every
    /// country's postal codes have).
    /// </summary>
    public static bool IsPostalCode(string? value, string? country)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (string.Equals(country?.Trim(), "US", StringComparison.OrdinalIgnoreCase))
        {
            return (text.Length == 5 && text.All(char.IsAsciiDigit))
                || (text.Length == 10 && text[5] == '-' && text[..5].All(char.IsAsciiDigit) && text[6..].All(char.IsAsciiDigit));
        }

        var compact = 0;
        var previousSeparator = true; // no leading separator
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact++;
                previousSeparator = false;
            }
            else if (c is ' ' or '-' && !previousSeparator)
            {
                previousSeparator = true;
            }
            else
            {
                return false;
            }
        }

        return !previousSeparator && compact is >= 2 and <= 10 && text.Any(char.IsAsciiDigit);
    }
}
