using System.Globalization;
using System.Text.Encodings.Web;
using GccSaaS.BuildingBlocks.Web.Resources;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// A sortable column header: <c>&lt;th sort-key="name" list="Model.List"&gt;Name&lt;/th&gt;</c> becomes a header
/// whose words link to the list sorted by that column (ascending, then descending), with <c>aria-sort</c> on the
/// column the list is sorted by.
/// </summary>
[HtmlTargetElement("th", Attributes = KeyAttribute + "," + ListAttribute)]
public sealed class SortHeaderTagHelper(HtmlEncoder encoder) : TagHelper
{
    private const string KeyAttribute = "sort-key";
    private const string ListAttribute = "list";

    [HtmlAttributeName(KeyAttribute)]
    public string Key { get; set; } = string.Empty;

    [HtmlAttributeName(ListAttribute)]
    public IPortalList? List { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (List is null)
        {
            return;
        }

        var content = (await output.GetChildContentAsync()).GetContent();
        var sorted = List.SortKey == Key;
        output.Attributes.SetAttribute("scope", "col");
        output.Attributes.SetAttribute("data-sort-key", Key);
        if (sorted)
        {
            output.Attributes.SetAttribute("aria-sort", List.Descending ? "descending" : "ascending");
        }

        var arrow = sorted ? (List.Descending ? "▼" : "▲") : "↕";
        output.Content.SetHtmlContent(
            $"<a class=\"sort\" href=\"{encoder.Encode(List.SortHref(Key))}\">{content}<span class=\"sort-arrow\" aria-hidden=\"true\"> {arrow}</span></a>");
    }
}

/// <summary>
/// The pager under a list: <c>&lt;list-pager list="Model.List" /&gt;</c> shows the links to the first, previous and
/// next pages (only those that exist) and how many rows a page holds, with the other page sizes to pick.
/// </summary>
[HtmlTargetElement("list-pager", Attributes = "list", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ListPagerTagHelper(HtmlEncoder encoder, IStringLocalizer<ListTexts> texts) : TagHelper
{
    [HtmlAttributeName("list")]
    public IPortalList? List { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        if (List is null)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "paging");
        output.Attributes.SetAttribute("aria-label", texts["Paging_Label"].Value);
        var html = new System.Text.StringBuilder();
        if (List.FirstHref is { } first)
        {
            html.Append(Link("first-page", first, texts["Paging_First"].Value, null));
        }

        if (List.PreviousHref is { } previous)
        {
            html.Append(Link("previous-page", previous, texts["Paging_Previous"].Value, "prev"));
        }

        if (List.NextHref is { } next)
        {
            html.Append(Link("next-page", next, texts["Paging_Next"].Value, "next"));
        }

        html.Append("<span class=\"page-size\" id=\"page-size\" data-size=\"")
            .Append(List.Size.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(encoder.Encode(string.Format(CultureInfo.CurrentCulture, texts["Paging_RowsPerPage"].Value, List.Size)));
        foreach (var size in PortalList.Sizes.Where(s => s != List.Size))
        {
            html.Append(' ').Append("<a class=\"page-size-choice\" href=\"").Append(encoder.Encode(List.SizeHref(size))).Append("\" aria-label=\"")
                .Append(encoder.Encode(string.Format(CultureInfo.CurrentCulture, texts["Paging_ShowRows"].Value, size))).Append("\">")
                .Append(size.ToString(CultureInfo.CurrentCulture)).Append("</a>");
        }

        html.Append("</span>");
        output.Content.SetHtmlContent(html.ToString());
    }

    private string Link(string id, string href, string text, string? rel) =>
        $"<a id=\"{id}\" href=\"{encoder.Encode(href)}\"{(rel is null ? string.Empty : $" rel=\"{rel}\"")}>{encoder.Encode(text)}</a> ";
}

/// <summary>One step of a page's breadcrumb trail; the last one is the page itself and has no link.</summary>
public sealed record Crumb(string Text, string? Href = null);

/// <summary>
/// Breadcrumbs: a detail or sub page sets its trail (<c>ViewData.SetBreadcrumbs(new("Customers", "/t/customers"),
/// new(name))</c>) and the layout's <c>&lt;breadcrumbs /&gt;</c> shows it as a navigation landmark, the last crumb
/// marked as the current page.
/// </summary>
public static class Breadcrumbs
{
    private const string Key = "GccSaaS.Breadcrumbs";

    public static void SetBreadcrumbs(this ViewDataDictionary viewData, params Crumb[] crumbs)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        viewData[Key] = crumbs;
    }

    public static IReadOnlyList<Crumb> GetBreadcrumbs(this ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return viewData[Key] as IReadOnlyList<Crumb> ?? [];
    }
}

/// <summary>The layout's breadcrumb trail (see <see cref="Breadcrumbs"/>); nothing on a page without one.</summary>
[HtmlTargetElement("breadcrumbs", TagStructure = TagStructure.WithoutEndTag)]
public sealed class BreadcrumbsTagHelper(HtmlEncoder encoder, IStringLocalizer<ListTexts> texts) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var crumbs = ViewContext?.ViewData.GetBreadcrumbs() ?? [];
        if (crumbs.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "breadcrumbs");
        output.Attributes.SetAttribute("id", "breadcrumbs");
        output.Attributes.SetAttribute("aria-label", texts["Breadcrumbs_Label"].Value);
        var html = new System.Text.StringBuilder("<ol>");
        for (var i = 0; i < crumbs.Count; i++)
        {
            var text = encoder.Encode(crumbs[i].Text);
            html.Append("<li>");
            if (i == crumbs.Count - 1)
            {
                html.Append("<span aria-current=\"page\">").Append(text).Append("</span>");
            }
            else if (crumbs[i].Href is { } href)
            {
                html.Append("<a href=\"").Append(encoder.Encode(href)).Append("\">").Append(text).Append("</a>");
            }
            else
            {
                html.Append(text);
            }

            html.Append("</li>");
        }

        output.Content.SetHtmlContent(html.Append("</ol>").ToString());
    }
}
