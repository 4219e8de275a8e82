using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>
/// <c>/{tenant}/validation</c>: the tenant's cases, newest first (keyset paging), with state, due date and the
/// overdue mark; a reseller user sees only its organisation's cases. Links to the forms.
/// </summary>
[NavigationLink("validation", "/{tenant}/validation", "Nav_Validation", 60, Group = PortalGroup.Validation)]
[Authorize(Policy = GccSaaSPolicies.TenantMember)]
internal sealed class OwnCasesPageModel(IMediator mediator, ITenantContextAccessor tenants, ICurrentUserAccessor users) : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<ValidationCaseSummary> Items { get; private set; } = [];

    /// <summary>The list's sort (when submitted, newest first by default), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    public bool CanSubmitPartner { get; private set; }

    public PartnerOrganisationDto? Organisation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<OwnCaseCursor>(HttpContext, OwnCaseSorts.All, PageSize, out var list, OwnCaseSorts.Default))
        {
            return BadRequest();
        }

        List = list;
        var tenant = tenants.RequireTenant();
        CanSubmitPartner = users.Current?.TenantRole == GccSaaSRoles.GlobalAdmin;
        Organisation = await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        // Cases are keyed by their time-ordered (version 7) id: oldest first is the id ascending.
        var rows = await Mediator.Send(new ListOwnValidationCasesQuery(tenant.Id, list.Seek, list.Take, Oldest: !list.ReadDescending), cancellationToken);
        Items = list.Page(rows, r => new OwnCaseCursor(r.Id));
        return Page();
    }
}

/// <summary>The order the own cases list offers: when submitted (the time-ordered case id), newest first by default.</summary>
internal static class OwnCaseSorts
{
    public const string Submitted = "submitted";
    public const string Default = "-" + Submitted;

    public static readonly IReadOnlyList<string> All = [Submitted];
}

/// <summary>
/// <c>/{tenant}/validation/{id}</c>: one own case with its history; while information is requested, the partner
/// answers here (R-VAL-7) and the case returns to review with a new due date.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.TenantMember)]
internal sealed class OwnCasePageModel(IMediator mediator, ITenantContextAccessor tenants, IStringLocalizer<ValidationResource> text) : PortalPageModel(mediator)
{
    public ValidationCaseResource? Case { get; private set; }

    [BindProperty]
    public string? Answer { get; set; }


    [TempData]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Case = await Mediator.Send(new GetOwnValidationCaseQuery(tenants.RequireTenant().Id, id), cancellationToken);
            return Page();
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await Mediator.Send(new AnswerInformationRequestCommand(id, Answer ?? string.Empty), cancellationToken);
            Status = text["Case_Answered"].Value;
            return Redirect($"/{tenants.RequireTenant().Identifier}/validation/{id}");
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        Case = await Mediator.Send(new GetOwnValidationCaseQuery(tenants.RequireTenant().Id, id), cancellationToken);
        return Page();
    }
}
