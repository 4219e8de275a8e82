using System.Globalization;
using System.Reflection;
using GccSaaS.BuildingBlocks.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The portal's half of the input gate, for every page of every module: a value that could not be bound (text where
/// an id, a number, a date or a yes/no belongs) or that is no valid text (control characters, broken encoding, longer
/// than <see cref="InputLimits.MaxTextLength"/>) refuses the request before its handler runs. A form post then runs
/// nothing: the page is shown again as its GET handler shows it, with status 400 and the message beside the field
/// (<see cref="FieldErrorTagHelper"/>). A GET shows the page without the refused value, also with 400.
/// </summary>
internal sealed class PortalInputFilter(IStringLocalizer<InputTexts> texts) : IAsyncPageFilter
{
    private const string AntiforgeryField = "__RequestVerificationToken";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(); // a status page shown for a refused request: the refused values are not its input
            return;
        }

        var refused = Refuse(context);
        if (refused.Count == 0)
        {
            await next();
            return;
        }

        if (refused.Any(context.RouteData.Values.ContainsKey))
        {
            context.Result = new BadRequestResult(); // the address itself is broken: there is no page to show again
            return;
        }

        foreach (var key in refused)
        {
            Forget(context, key);
        }

        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            var executed = await next();
            if (executed.Exception is null)
            {
                executed.Result = AsBadRequest(executed.Result);
            }

            return;
        }

        // A post that was refused answers 4xx: a page shown again, a 404 for what is not there, else the 400 status page
        // (a GET handler that redirects, e.g. to sign in, would hide the refusal).
        context.Result = await ShowAgainAsync(context) switch
        {
            PageResult page => AsBadRequest(page),
            IStatusCodeActionResult { StatusCode: >= 400 } refusal => refusal,
            _ => new BadRequestResult(),
        };
    }

    /// <summary>Every refused value becomes one localised message in model state under its field's name; returns the fields.</summary>
    private List<string> Refuse(PageHandlerExecutingContext context)
    {
        var modelState = context.ModelState;
        var refused = new List<string>();
        foreach (var (key, entry) in modelState)
        {
            if (entry.Errors.Count > 0)
            {
                // Only binding writes model state here (no page uses validation attributes): a value of the wrong kind.
                // It is not echoed either: a yes/no, date or number control cannot show text, and would fail to render it.
                entry.Errors.Clear();
                entry.Errors.Add(texts["Field_Invalid"]);
                entry.RawValue = null;
                refused.Add(key);
            }
        }

        var posted = context.HttpContext.Request.HasFormContentType ? context.HttpContext.Request.Form.AsEnumerable() : [];
        foreach (var (key, given) in context.HttpContext.Request.Query.Concat(posted))
        {
            if (given.Count > 1 && key != AntiforgeryField && !refused.Contains(key) && !AcceptsSeveral(context, key, given))
            {
                // A field given twice: one copy would silently win. Browsers send one value per field but lists and check boxes.
                modelState.AddModelError(key, texts["Field_Invalid"]);
                modelState.SetModelValue(key, rawValue: null, attemptedValue: string.Empty);
                refused.Add(key);
            }
        }

        var request = context.HttpContext.Request;
        var values = request.Query.AsEnumerable()
            .Concat(context.RouteData.Values.Where(v => v.Value is string).Select(v => KeyValuePair.Create(v.Key, new StringValues((string?)v.Value))));
        if (request.HasFormContentType)
        {
            values = values.Concat(request.Form);
        }

        foreach (var (key, given) in values)
        {
            if (key == AntiforgeryField || refused.Contains(key))
            {
                continue;
            }

            var problem = TextInput.Check(key, 200);
            foreach (var value in given)
            {
                if (problem != TextProblem.None)
                {
                    break;
                }

                problem = value is null ? TextProblem.None : TextInput.Check(value);
            }

            if (problem != TextProblem.None)
            {
                var name = TextInput.Check(key, 200) == TextProblem.None ? key : string.Empty;
                modelState.AddModelError(name, Message(problem));
                modelState.SetModelValue(name, rawValue: null, attemptedValue: string.Empty); // the field shows empty, not the refused text
                refused.Add(name);
            }
        }

        return refused;
    }

    private string Message(TextProblem problem) => problem switch
    {
        TextProblem.TooLong => texts["Field_TooLong", InputLimits.MaxTextLength.ToString("N0", CultureInfo.CurrentCulture)],
        TextProblem.ControlCharacter => texts["Field_ControlCharacter"],
        _ => texts["Field_InvalidEncoding"],
    };

    /// <summary>
    /// Whether the field binds to something that takes several values (a list), or is a check box, which posts its
    /// hidden "false" beside "true". A field no handler binds is left alone: nothing reads it.
    /// </summary>
    private static bool AcceptsSeveral(PageHandlerExecutingContext context, string key, StringValues given)
    {
        var type = TargetType(context, key);
        if (type is null)
        {
            return true;
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
        {
            return given.Count == 2 && given.Contains("true", StringComparer.OrdinalIgnoreCase) && given.Contains("false", StringComparer.OrdinalIgnoreCase);
        }

        return t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t);
    }

    /// <summary>The type a form key binds to: a handler parameter or a bound property, then its nested properties.</summary>
    private static Type? TargetType(PageHandlerExecutingContext context, string key)
    {
        var path = key.Split('.');
        var type = context.HandlerMethod?.Parameters.FirstOrDefault(p => string.Equals(p.Name, path[0], StringComparison.OrdinalIgnoreCase))?.ParameterType
            ?? context.ActionDescriptor.BoundProperties.FirstOrDefault(p => string.Equals(p.Name, path[0], StringComparison.OrdinalIgnoreCase))?.ParameterType;
        for (var i = 1; i < path.Length && type is not null; i++)
        {
            type = type.GetProperty(path[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }

        return type;
    }

    /// <summary>A refused value is not kept: neither a handler argument nor a bound property carries it on (nor is it echoed back).</summary>
    private static void Forget(PageHandlerExecutingContext context, string key)
    {
        if (key.Length == 0)
        {
            return;
        }

        var path = key.Split('.');
        if (path.Length == 1 && context.HandlerArguments.TryGetValue(key, out var argument) && argument is not null)
        {
            context.HandlerArguments[key] = DefaultOf(argument.GetType());
        }


        object? target = context.HandlerInstance;
        for (var i = 0; i < path.Length && target is not null; i++)
        {
            var property = target.GetType().GetProperty(path[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return;
            }

            if (i < path.Length - 1)
            {
                target = property.GetValue(target);
            }
            else if (property.CanWrite && property.GetIndexParameters().Length == 0 && IsSimple(property.PropertyType))
            {
                property.SetValue(target, DefaultOf(property.PropertyType));
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal)
            || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly);
    }

    // Text becomes empty rather than null: a page's non-nullable string stays non-null.
    private static object? DefaultOf(Type type) =>
        type == typeof(string) ? string.Empty : type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    /// <summary>
    /// Runs the page's GET handler (the page as it is before any post) with what the route and the post's own
    /// arguments give it, so the page shows with its data and the refused fields marked. What the user typed survives:
    /// the bound properties as the post left them (the refused ones emptied) are put back after the GET handler ran,
    /// so a GET that fills a form with the values on file does not overwrite them.
    /// </summary>
    private static async Task<IActionResult> ShowAgainAsync(PageHandlerExecutingContext context)
    {
        var get = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => h.HttpMethod == "Get" && string.IsNullOrEmpty(h.Name));
        if (get is null)
        {
            return new BadRequestResult(); // a post-only page: the status page says the request was not valid
        }

        var page = context.HandlerInstance;
        var typed = context.ActionDescriptor.BoundProperties
            .OfType<PageBoundPropertyDescriptor>()
            .Where(p => p.Property.CanRead && p.Property.CanWrite && p.Property.DeclaringType?.IsInstanceOfType(page) == true)
            .Select(p => (p.Property, Value: p.Property.GetValue(page)))
            .ToList();
        var arguments = get.Parameters.Select(p => ArgumentFor(context, p.Name, p.ParameterType)).ToArray();
        var returned = get.MethodInfo.Invoke(page, arguments);
        if (returned is Task task)
        {
            await task;
            returned = task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task) : null;
        }

        foreach (var (property, value) in typed)
        {
            property.SetValue(page, value);
        }

        return returned as IActionResult ?? new PageResult();
    }

    private static object? ArgumentFor(PageHandlerExecutingContext context, string name, Type type)
    {
        if (type == typeof(CancellationToken))
        {
            return context.HttpContext.RequestAborted;
        }

        if (context.HandlerArguments.TryGetValue(name, out var value) && value is not null && type.IsInstanceOfType(value))
        {
            return value;
        }

        var given = context.RouteData.Values.TryGetValue(name, out var routeValue) ? routeValue?.ToString() : null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (given is not null)
        {
            if (target == typeof(Guid) && Guid.TryParse(given, out var id))
            {
                return id;
            }

            if (target == typeof(string))
            {
                return given;
            }
        }

        return DefaultOf(type);
    }

    private static IActionResult? AsBadRequest(IActionResult? result)
    {
        switch (result)
        {
            case null:
                return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
            case PageResult page:
                page.StatusCode = StatusCodes.Status400BadRequest;
                return page;
            default:
                return result; // a 404 for an object that is not there stays a 404
        }
    }
}

/// <summary>
/// Puts a field's message beside the field, for every <c>input</c>, <c>select</c> and <c>textarea</c> of every page:
/// <c>aria-invalid</c>, the message right after the control, tied to it by <c>aria-describedby</c>. Runs after the
/// framework's own tag helpers, so it sees the final <c>name</c>.
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
public sealed class FieldErrorTagHelper : TagHelper
{
    internal const string RenderedFields = "gccsaas.rendered-fields";

    public override int Order => int.MaxValue;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ViewContext is not { } view
            || view.ModelState.ErrorCount == 0
            || output.Attributes["name"]?.Value?.ToString() is not { Length: > 0 } name
            || output.Attributes["type"]?.Value?.ToString() is "hidden" or "submit" or "button"
            || !view.ModelState.TryGetValue(name, out var entry)
            || entry.Errors.Count == 0)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var rendered = view.HttpContext.Items[RenderedFields] as Dictionary<string, string> ?? [];
        view.HttpContext.Items[RenderedFields] = rendered;
        if (rendered.TryGetValue(name, out var errorId))
        {
            Describe(output, errorId); // the second radio of a group: the message is already there
            return;
        }

        var id = output.Attributes["id"]?.Value?.ToString() ?? TagBuilder.CreateSanitizedId(name, "-");
        if (output.Attributes["id"] is null)
        {
            output.Attributes.SetAttribute("id", id);
        }

        errorId = id + "-error";
        rendered[name] = id;
        Describe(output, errorId);
        var message = new TagBuilder("span");
        message.AddCssClass("field-error");
        message.Attributes["id"] = errorId;
        message.InnerHtml.Append(entry.Errors[0].ErrorMessage);
        output.PostElement.AppendHtml(message);
    }

    private static void Describe(TagHelperOutput output, string errorId)
    {
        var described = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(described) ? errorId : described + " " + errorId);
    }
}

/// <summary>
/// <c>&lt;input-error-summary /&gt;</c> in the layout: when a form was refused, a summary at the top of the page that
/// links to each marked field (and says so when the refused value was not a visible field, e.g. a changed hidden
/// value). Rendered after the page, so it knows which fields the page showed.
/// </summary>
[HtmlTargetElement("input-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class InputErrorSummaryTagHelper(IStringLocalizer<InputTexts> texts) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        if (ViewContext is not { } view || view.ModelState.ErrorCount == 0)
        {
            output.SuppressOutput();
            return;
        }

        var rendered = view.HttpContext.Items[FieldErrorTagHelper.RenderedFields] as Dictionary<string, string> ?? [];
        if (view.HttpContext.Items[PortalPageModel.RefusedItem] is Dictionary<string, string?> refusals)
        {
            output.Content.SetHtmlContent(Refusals(view, rendered, refusals));
            return;
        }

        var list = new TagBuilder("ul");
        var unseen = false;
        foreach (var (key, entry) in view.ModelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            if (!rendered.TryGetValue(key, out var id))
            {
                unseen = true;
                continue;
            }

            var link = new TagBuilder("a");
            link.Attributes["href"] = "#" + id;
            link.InnerHtml.Append(entry.Errors[0].ErrorMessage);
            var item = new TagBuilder("li");
            item.InnerHtml.AppendHtml(link);
            list.InnerHtml.AppendHtml(item);
        }

        if (unseen)
        {
            var item = new TagBuilder("li");
            item.InnerHtml.Append(texts["Field_Unseen"]);
            list.InnerHtml.AppendHtml(item);
        }

        var summary = new TagBuilder("div");
        summary.AddCssClass("notice error");
        summary.Attributes["role"] = "alert";
        summary.Attributes["id"] = "input-errors";
        var heading = new TagBuilder("p");
        heading.InnerHtml.Append(texts["Summary_Text"]);
        summary.InnerHtml.AppendHtml(heading);
        summary.InnerHtml.AppendHtml(list);
        output.Content.SetHtmlContent(summary);
    }

    /// <summary>
    /// A command's refusals (<see cref="PortalPageModel"/>): every message, in order, a field's one linked to its field,
    /// a rule's one with its stable code for scripts and tests.
    /// </summary>
    private static TagBuilder Refusals(ViewContext view, Dictionary<string, string> rendered, Dictionary<string, string?> refusals)
    {
        var list = new TagBuilder("ul");
        foreach (var (key, entry) in view.ModelState)
        {
            foreach (var error in entry.Errors)
            {
                var item = new TagBuilder("li");
                if (refusals.TryGetValue(key + "\n" + error.ErrorMessage, out var code) && code is not null)
                {
                    item.Attributes["data-error-code"] = code;
                }

                if (rendered.TryGetValue(key, out var id))
                {
                    var link = new TagBuilder("a");
                    link.Attributes["href"] = "#" + id;
                    link.InnerHtml.Append(error.ErrorMessage);
                    item.InnerHtml.AppendHtml(link);
                }
                else
                {
                    item.InnerHtml.Append(error.ErrorMessage);
                }

                list.InnerHtml.AppendHtml(item);
            }
        }

        var summary = new TagBuilder("div");
        summary.AddCssClass("notice error");
        summary.Attributes["role"] = "alert";
        summary.Attributes["id"] = "form-errors";
        summary.InnerHtml.AppendHtml(list);
        return summary;
    }
}
