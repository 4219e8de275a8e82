using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// A request path as logs may show it (issue 18): an invitation link carries its token in the path, so every segment
/// that looks like a link token (40 or more base64url characters; a GUID has 36, a link token 43) is written
/// <c>[token]</c>. Every log line that names a path uses this, never the raw path.
/// </summary>
public static partial class LogPaths
{
    public static string Redacted(PathString path) =>
        path.HasValue ? TokenSegment().Replace(path.Value, "/[token]") : "/";

    // No match timeout: the pattern is linear in the path (one character class, no nesting), and a timeout measured in
    // wall time fired under load on a 2-core machine and turned a request into a 500 (issue 18).
    [GeneratedRegex("/[A-Za-z0-9_-]{40,}(?=/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex TokenSegment();
}
