using System.Globalization;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Jobs;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// R-REL-7: the tenant's invitation lifetime and reminder points (days before expiry). New invitations and resends
/// use them; reminders of open invitations follow the points in force when the sweep runs.
/// </summary>
internal sealed record UpdateInvitationSettingsCommand(int LifetimeDays, IReadOnlyList<int> ReminderDaysBefore) : IRequest<InvitationPolicy>;

internal sealed class UpdateInvitationSettingsHandler(
    RelationshipsDbContext db, ITenantContextAccessor tenants, ICurrentUserAccessor users, TimeProvider clock, IRelationshipTexts texts)
    : IRequestHandler<UpdateInvitationSettingsCommand, InvitationPolicy>
{
    public async Task<InvitationPolicy> Handle(UpdateInvitationSettingsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = new InvitationPolicy(request.LifetimeDays, [.. request.ReminderDaysBefore.OrderByDescending(d => d)]);
        if (!policy.IsValid)
        {
            throw new DomainRuleException(RelationshipErrorCodes.SettingsOutOfRange, texts.Get("Error_settings_out_of_range"));
        }

        var tenant = tenants.RequireTenant();
        var settings = await db.InvitationSettings.FirstOrDefaultAsync(s => s.TenantId == tenant.Id, cancellationToken);
        if (settings is null)
        {
            settings = new InvitationSettings { TenantId = tenant.Id };
            db.InvitationSettings.Add(settings);
        }

        settings.LifetimeDays = policy.LifetimeDays;
        settings.ReminderDaysBefore = [.. policy.ReminderDaysBefore];
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedByUserId = users.Current?.UserId;
        return policy;
    }
}

/// <summary>
/// R-REL-7: the tenant's invitation policy, and what the Global admin may know of the sweeps that apply it: when
/// expiry and reminders last ran and run next (the shared schedule, the same on every host), and the last failure
/// of each for this tenant only (<see cref="ISweepFacts"/>, row-level security).
/// </summary>
[NavigationLink("invitation-settings", "/{tenant}/settings/invitations", "Nav_InvitationSettings", 100, Group = PortalGroup.Settings)]
[Authorize(Policy = RelationshipsPolicies.CanManageInvitationSettings)]
internal sealed class InvitationSettingsPageModel(IMediator mediator, InvitationIssuer issuer, ISweepFacts sweeps, IStringLocalizer<RelationshipsResource> l)
    : PortalPageModel(mediator)
{
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The sweeps shown, each with the resource key of its name.</summary>
    public static readonly IReadOnlyList<(string Name, string TextKey)> SweepNames =
    [
        (InvitationExpirySweepJob.Name, "Settings_Sweep_Expiry"),
        (InvitationReminderSweepJob.Name, "Settings_Sweep_Reminders"),
    ];

    [BindProperty]
    public int LifetimeDays { get; set; }

    /// <summary>Reminder points as typed: whole days separated by commas ("7, 1").</summary>
    [BindProperty]
    public string? Reminders { get; set; }

    /// <summary>Expiry and reminders as they concern this tenant, in the order of <see cref="SweepNames"/>.</summary>
    public IReadOnlyList<SweepFacts> Sweeps { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Show(await issuer.PolicyAsync(HttpContext.RequestAborted));
        await LoadSweepsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var parts = (Reminders ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        var days = new List<int>();
        foreach (var part in parts)
        {
            days.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1);
        }

        var (succeeded, policy) = await TrySendAsync(new UpdateInvitationSettingsCommand(LifetimeDays, days));
        if (succeeded && policy is not null)
        {
            StatusMessage = l["Settings_Saved"].Value;
            return RedirectToPage();
        }

        await LoadSweepsAsync();
        return Page();
    }

    private async Task LoadSweepsAsync() =>
        Sweeps = await sweeps.ForCurrentTenantAsync([.. SweepNames.Select(s => s.Name)], HttpContext.RequestAborted);

    private void Show(InvitationPolicy policy)
    {
        LifetimeDays = policy.LifetimeDays;
        Reminders = string.Join(", ", policy.ReminderDaysBefore);
    }
}
