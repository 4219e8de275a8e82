using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Modules.Identity.Portal;

/// <summary>
/// A page that sends commands: refusals become messages on the page (in the user's language) and the
/// response status says what happened (400 bad input, 403/404/409/422 from the rule), like the API.
/// </summary>
internal abstract class CommandPageModel(IMediator mediator) : PageModel
{
    public IList<string> Errors { get; } = [];

    protected IMediator Mediator => mediator;

    /// <summary>Sends the command; on refusal records why and returns false.</summary>
    protected async Task<(bool Succeeded, TResponse? Result)> TrySendAsync<TResponse>(IRequest<TResponse> command)
    {
        try
        {
            return (true, await mediator.Send(command, HttpContext.RequestAborted));
        }
        catch (RequestValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Errors.Add(failure.Message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (DomainRuleException ex)
        {
            Errors.Add(ex.Message);
            Response.StatusCode = Refusals.StatusOf(ex.Kind);
        }

        return (false, default);
    }

    /// <summary>
    /// Values that could not be converted (e.g. text where an id belongs) as a message, before any command
    /// runs. Missing fields are left to the command's own input rules.
    /// </summary>
    protected bool AddBindingErrors(string message)
    {
        if (!ModelState.Values.Any(e => e.Errors.Count > 0 && !string.IsNullOrEmpty(e.AttemptedValue)))
        {
            return false;
        }

        Errors.Add(message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return true;
    }

    /// <summary>After a successful change: a message for the next page (post, redirect, get).</summary>
    protected string? Status
    {
        get => TempData.Peek(nameof(Status)) as string;
        set => TempData[nameof(Status)] = value;
    }
}
