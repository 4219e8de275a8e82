using System.Globalization;
using System.Text;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The limits every request meets before a handler runs, on the API and in the portal alike. A module's own
/// rules may be stricter (a phone number of 50 characters); none may be looser.
/// </summary>
public static class InputLimits
{
    /// <summary>A JSON body under <c>/v1</c> unless the endpoint declares another limit (<c>WithRequestSizeLimit</c>-style metadata).</summary>
    public const int MaxJsonBodyBytes = 64 * 1024;

    /// <summary>Any single text value: a JSON string, a form field, a query value. The longest free text the product keeps is 4,000 characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>
    /// Any single JSON array in a <c>/v1</c> body (400 <c>too_many_items</c> beyond it). The longest list a resource
    /// holds is far shorter; a page of a list answers at most 500 items.
    /// </summary>
    public const int MaxArrayItems = 1000;

    /// <summary>
    /// A single form value the form reader still accepts, so that a value over <see cref="MaxTextLength"/> (up to this)
    /// is answered beside its field instead of failing the whole form.
    /// </summary>
    public const int MaxFormValueBytes = 2 * 1024 * 1024;

    /// <summary>The ceiling for any request body, whatever the route (the server's limit).</summary>
    public const long MaxRequestBodyBytes = 4L * 1024 * 1024;
}

/// <summary>Why a text value is refused.</summary>
public enum TextProblem
{
    None,

    /// <summary>NUL and other control characters (tabs and line breaks are text).</summary>
    ControlCharacter,

    /// <summary>Not valid Unicode: invalid UTF-8 decoded as U+FFFD, a lone surrogate, a noncharacter.</summary>
    InvalidEncoding,

    /// <summary>Longer than <see cref="InputLimits.MaxTextLength"/>.</summary>
    TooLong,
}

/// <summary>What any text a user or a client sends must be: valid Unicode text of a bounded length.</summary>
public static class TextInput
{
    /// <summary>The first problem of <paramref name="text"/>, or <see cref="TextProblem.None"/>.</summary>
    public static TextProblem Check(ReadOnlySpan<char> text, int maxLength = InputLimits.MaxTextLength)
    {
        if (text.Length > maxLength)
        {
            return TextProblem.TooLong;
        }

        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return TextProblem.InvalidEncoding; // a lone surrogate
            }

            index += consumed;
            var value = rune.Value;
            if (value is '\t' or '\n' or '\r')
            {
                continue;
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control)
            {
                return TextProblem.ControlCharacter;
            }

            // U+FFFD is what a decoder leaves for bytes that were not UTF-8; noncharacters are never text.
            if (value == 0xFFFD || (value & 0xFFFE) == 0xFFFE || value is >= 0xFDD0 and <= 0xFDEF)
            {
                return TextProblem.InvalidEncoding;
            }
        }

        return TextProblem.None;
    }

    /// <summary>The machine code of a problem, as the API answers it.</summary>
    public static string Code(TextProblem problem) => problem switch
    {
        TextProblem.TooLong => "field_too_long",
        _ => "invalid_field",
    };
}
