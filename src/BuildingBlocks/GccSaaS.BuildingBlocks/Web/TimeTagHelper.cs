using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// <c>&lt;time at="@x.CreatedAt"&gt;&lt;/time&gt;</c>: the moment in the portal's one format (<see cref="PortalTime"/>),
/// with the exact instant in <c>datetime</c> for machines and tests. A null moment renders <c>empty</c> instead.
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
public sealed class TimeTagHelper : TagHelper
{
    [HtmlAttributeName("at")]
    public DateTimeOffset? At { get; set; }

    /// <summary>What to show when there is no moment (e.g. "Never"); empty by default.</summary>
    [HtmlAttributeName("empty")]
    public string Empty { get; set; } = string.Empty;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (At is not { } at || ViewContext is null)
        {
            output.TagName = "span";
            output.Content.SetContent(Empty);
            return;
        }

        output.Attributes.SetAttribute("datetime", at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        output.Content.SetContent(PortalTime.Format(ViewContext.HttpContext, at));
    }
}
