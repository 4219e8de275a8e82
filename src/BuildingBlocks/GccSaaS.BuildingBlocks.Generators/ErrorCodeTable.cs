using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GccSaaS.BuildingBlocks.Generators;

/// <summary>One row of a module's error-code table.</summary>
/// <param name="Code">The stable snake_case name clients branch on (the problem's <c>type</c> ends with it).</param>
/// <param name="Number">The number a Partner Center client reads as <c>code</c>; null for a code another module numbers, refused here with the same meaning.</param>
/// <param name="Status">The HTTP status on <c>/v1</c>; given exactly when <paramref name="Number"/> is.</param>
/// <param name="Constant">The C# constant's name: the code in PascalCase unless the row names another.</param>
/// <param name="Summary">The constant's documentation (XML doc text), often the rule it enforces.</param>
public sealed record ErrorCodeRow(string Code, int? Number, int? Status, string Constant, string Summary);

/// <summary>A line of a table that could not be read, with why.</summary>
public sealed record ErrorCodeTableError(int Line, string Message);

/// <summary>
/// The format of a module's error-code table: CSV (RFC 4180 quoting), first line exactly
/// <c>code,number,status,constant,summary</c>; blank lines and lines starting with <c>#</c> are left out. <c>number</c>
/// and <c>status</c> are both given or both empty (empty: another module numbers the code); <c>constant</c> may be
/// empty (the code in PascalCase); <c>summary</c> may be empty.
/// </summary>
public static class ErrorCodeTable
{
    public const string Header = "code,number,status,constant,summary";

    public static (IReadOnlyList<ErrorCodeRow> Rows, IReadOnlyList<ErrorCodeTableError> Errors) Parse(string text)
    {
        var rows = new List<ErrorCodeRow>();
        var errors = new List<ErrorCodeTableError>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var constants = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<int>();
        var lines = (text ?? string.Empty).Replace("\r\n", "\n").Split('\n');
        var headerSeen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                if (!string.Equals(line, Header, StringComparison.Ordinal))
                {
                    errors.Add(new ErrorCodeTableError(number, "the first line must be '" + Header + "'"));
                    break;
                }

                continue;
            }

            var fields = SplitCsv(line);
            if (fields is null || fields.Count != 5)
            {
                errors.Add(new ErrorCodeTableError(number, "a row has five fields: " + Header));
                continue;
            }

            var row = ReadRow(fields, number, errors);
            if (row is null)
            {
                continue;
            }

            if (!codes.Add(row.Code) || !constants.Add(row.Constant) || (row.Number is { } n && !numbers.Add(n)))
            {
                errors.Add(new ErrorCodeTableError(number, "the code, its constant or its number is already in the table"));
                continue;
            }

            rows.Add(row);
        }

        if (!headerSeen)
        {
            errors.Add(new ErrorCodeTableError(1, "the table is empty; its first line must be '" + Header + "'"));
        }

        return (rows, errors);
    }

    /// <summary>A snake_case code in PascalCase: <c>partner_id_taken</c> is <c>PartnerIdTaken</c>.</summary>
    public static string PascalCase(string code)
    {
        var name = new StringBuilder(code.Length);
        foreach (var word in code.Split('_'))
        {
            if (word.Length > 0)
            {
                name.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
        }

        return name.ToString();
    }

    private static ErrorCodeRow? ReadRow(List<string> fields, int line, List<ErrorCodeTableError> errors)
    {
        var code = fields[0];
        if (!IsSnakeCase(code))
        {
            errors.Add(new ErrorCodeTableError(line, "'" + code + "' is not a snake_case code"));
            return null;
        }

        int? number = null;
        int? status = null;
        if (fields[1].Length > 0 || fields[2].Length > 0)
        {
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s < 400 || s > 599)
            {
                errors.Add(new ErrorCodeTableError(line, "number must be a positive whole number and status an HTTP error status (400-599), or both empty"));
                return null;
            }

            number = n;
            status = s;
        }

        var constant = fields[3].Length > 0 ? fields[3] : PascalCase(code);
        if (!IsIdentifier(constant))
        {
            errors.Add(new ErrorCodeTableError(line, "'" + constant + "' is not a C# identifier"));
            return null;
        }

        return new ErrorCodeRow(code, number, status, constant, fields[4]);
    }

    private static bool IsSnakeCase(string code)
    {
        if (code.Length == 0 || code[0] < 'a' || code[0] > 'z' || code[code.Length - 1] == '_')
        {
            return false;
        }

        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            var ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '_' && code[i - 1] != '_');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !char.IsLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The fields of one CSV line (RFC 4180: a quoted field may hold commas and doubled quotes), or null when a quote is left open.</summary>
    private static List<string>? SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(field.ToString().Trim());
        return fields;
    }
}
