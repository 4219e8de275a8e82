using System.Reflection;
using GccSaaS.BuildingBlocks.Mediation;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The base of every portal page that runs a command, in every module. A refusal (<see cref="DomainRuleException"/>,
/// <see cref="RequestValidationException"/>) becomes model state: a field's failure beside its field, anything else in
/// the summary at the top of the page (<see cref="InputErrorSummaryTagHelper"/>), worded by <see cref="RefusalTexts"/>.
/// The response status is the refusal's (<see cref="Refusals.StatusOf(Exception)"/>: 400, 403, 404, 409, 422), the same
/// the API answers; a refused post shows the page again, never a 200.
/// </summary>
public abstract class PortalPageModel(IMediator mediator) : PageModel
{
    /// <summary>Set in <see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> once a page recorded a refusal, so the summary lists its messages.</summary>
    internal const string RefusedItem = "gccsaas.refused";

    protected IMediator Mediator => mediator;

    /// <summary>Whether this request's command was refused (the page is being shown again).</summary>
    public bool Refused => ModelState.ErrorCount > 0;

    /// <summary>
    /// After a successful change: a message for the next page (post, redirect, get), kept in TempData, never in the
    /// address. Reading it uses it up: the page after the post shows it, a reload of that page no longer does.
    /// </summary>
    protected string? StatusForNextPage
    {
        get => TempData["Status"] as string;
        set => TempData["Status"] = value;
    }

    /// <summary>Sends the command; on refusal records why (see <see cref="Refuse(Exception)"/>) and returns false.</summary>
    protected async Task<(bool Succeeded, TResponse? Result)> TrySendAsync<TResponse>(IRequest<TResponse> command)
    {
        try
        {
            return (true, await mediator.Send(command, HttpContext.RequestAborted));
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
            return (false, default);
        }
    }

    /// <summary>
    /// Records a refusal: each field's failure beside the field the page binds it to (else in the summary), a rule's
    /// refusal in the summary, and the refusal's status on the response. Anything that is no refusal is thrown on.
    /// </summary>
    protected void Refuse(Exception refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var texts = HttpContext.RequestServices.GetService<RefusalTexts>();
        var module = GetType().Assembly;
        switch (refusal)
        {
            case RequestValidationException invalid:
                foreach (var failure in invalid.Failures)
                {
                    Refuse(texts?.Describe(module, failure) ?? failure.Message, StatusCodes.Status400BadRequest, FieldKey(failure.Field));
                }

                break;
            case DomainRuleException rule:
                Refuse(texts?.Describe(module, rule) ?? rule.Message, Refusals.StatusOf(rule.Kind), code: rule.Code);
                break;
            default:
                throw refusal;
        }
    }

    /// <summary>Records one refusal the page finds itself (before any command): the message, its status, and its field when it has one.</summary>
    protected void Refuse(string message, int status, string? field = null, string? code = null)
    {
        var key = field ?? string.Empty;
        ModelState.AddModelError(key, message);
        var refused = HttpContext.Items[RefusedItem] as Dictionary<string, string?> ?? [];
        HttpContext.Items[RefusedItem] = refused;
        refused.TryAdd(key + "\n" + message, code);
        if (Response.StatusCode < StatusCodes.Status400BadRequest)
        {
            Response.StatusCode = status;
        }
    }

    /// <summary>
    /// The name of the form field a command's field stands for: a bound property of the page (<c>email</c> → <c>Email</c>)
    /// or of a bound form object (<c>companyName</c> → <c>Form.CompanyName</c>); empty (the summary) when the page shows none.
    /// </summary>
    protected virtual string FieldKey(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = field.Split('.')[^1];
        var bindsAll = GetType().GetCustomAttribute<BindPropertiesAttribute>() is not null;
        var bound = GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => bindsAll || p.GetCustomAttribute<BindPropertyAttribute>() is not null)
            .ToList();
        if (bound.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } direct)
        {
            return direct.Name;
        }

        foreach (var form in bound.Where(p => p.PropertyType.IsClass && p.PropertyType != typeof(string)))
        {
            if (form.PropertyType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } inner)
            {
                return form.Name + "." + inner.Name;
            }
        }

        return string.Empty;
    }
}
