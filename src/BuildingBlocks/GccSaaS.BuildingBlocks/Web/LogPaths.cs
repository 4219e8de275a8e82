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

    [GeneratedRegex("/[A-Za-z0-9_-]{40,}(?=/|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TokenSegment();
}
