using System.Globalization;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Resources;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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

[Authorize(Policy = GccSaaSPolicies.CanManageInvitationSettings)]
internal sealed class InvitationSettingsPageModel(IMediator mediator, InvitationIssuer issuer, IStringLocalizer<RelationshipsResource> l)
    : RelationshipsPageModel(mediator)
{
    [BindProperty]
    public int LifetimeDays { get; set; }

    /// <summary>Reminder points as typed: whole days separated by commas ("7, 1").</summary>
    [BindProperty]
    public string? Reminders { get; set; }

    public async Task OnGetAsync() => Show(await issuer.PolicyAsync(HttpContext.RequestAborted));

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

        return Page();
    }

    private void Show(InvitationPolicy policy)
    {
        LifetimeDays = policy.LifetimeDays;
        Reminders = string.Join(", ", policy.ReminderDaysBefore);
    }
}
