using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// One way to ask before an irreversible action: <c>&lt;button type="submit" confirm="Remove Sam? They lose access at
/// once." confirm-label="Remove"&gt;Yes, remove&lt;/button&gt;</c>. The form shows <c>confirm-label</c> as a disclosure
/// (<c>details</c>/<c>summary</c>, keyboard and screen-reader friendly, no script needed); opening it shows the
/// question, naming the object and the consequence, beside the real submit button, which the question describes.
/// A destructive button (<c>class="danger"</c>) looks destructive in both places. An <c>aria-label</c> naming the object
/// ("Revoke API key X") moves to the disclosure, whose visible label it contains; the button keeps its visible words as its
/// name ("Yes, revoke"), so its name never hides its text (axe's label-content-name-mismatch), and the question it is
/// described by names the object.
/// </summary>
[HtmlTargetElement("button", Attributes = QuestionAttribute)]
public sealed class ConfirmTagHelper(HtmlEncoder encoder) : TagHelper
{
    private const string QuestionAttribute = "confirm";

    /// <summary>What is about to happen, to what, and what follows; in the user's language.</summary>
    [HtmlAttributeName(QuestionAttribute)]
    public string Question { get; set; } = string.Empty;

    /// <summary>The words on the closed disclosure (the action's name, e.g. "Revoke").</summary>
    [HtmlAttributeName("confirm-label")]
    public string Label { get; set; } = string.Empty;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var id = "confirm-" + context.UniqueId;
        var danger = output.Attributes.TryGetAttribute("class", out var css) && css.Value?.ToString()?.Contains("danger", StringComparison.Ordinal) == true;
        var label = output.Attributes.TryGetAttribute("aria-label", out var named) ? named.Value?.ToString() : null;
        output.Attributes.RemoveAll("aria-label");
        output.Attributes.SetAttribute("aria-describedby", id);
        output.PreElement.AppendHtml(
            $"<details class=\"confirm\"><summary class=\"button{(danger ? " danger" : string.Empty)}\"" +
            (label is null ? string.Empty : $" aria-label=\"{encoder.Encode(label)}\"") +
            $">{encoder.Encode(Label)}</summary><div class=\"confirm-panel\"><p id=\"{id}\">{encoder.Encode(Question)}</p>");
        output.PostElement.AppendHtml("</div></details>");
    }
}
