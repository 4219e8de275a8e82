using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Features.Members;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using GccSaaS.Modules.Relationships.Contracts;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Identity.Pages.Tenant;

/// <summary>The tenant's members and invitations: invite (e-mail draft with link), change roles, remove, revoke.</summary>
[Authorize(Policy = IdentityPolicies.CanManageUsers)]
[ShowsSecret] // the invitation draft carries its link
internal sealed class UsersModel(IMediator mediator, GccSaaSIdentityDbContext db, TimeProvider clock, PublicLinks links, IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public IReadOnlyList<UserInvitation> PendingInvitations { get; private set; } = [];

    public InvitationDraft? Draft { get; private set; }

    /// <summary>The partnered resellers a reseller user can work for (a bounded picker, by name).</summary>
    public IReadOnlyList<PartnershipDto> Resellers { get; private set; } = [];

    /// <summary>Each member's reseller by name, also when its partnership has since been removed.</summary>
    public IReadOnlyDictionary<Guid, PartnershipDto> MemberResellers { get; private set; } = new Dictionary<Guid, PartnershipDto>();

    [BindProperty]
    public string InviteEmail { get; set; } = string.Empty;

    [BindProperty]
    public string InviteRole { get; set; } = GccSaaSRoles.SalesAgent;

    [BindProperty]
    public Guid? InviteResellerOrganisationId { get; set; }

    public string? StatusMessage => StatusForNextPage;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (ModelState.IsValid)
        {
            var (succeeded, issued) = await TrySendAsync(new InviteUserCommand(Tenant.Id, InviteEmail, InviteRole, InviteResellerOrganisationId));
            if (succeeded && issued is not null)
            {
                var inviter = User.FindFirst(GccSaaSClaimTypes.DisplayName)?.Value ?? User.Identity?.Name ?? string.Empty;
                Draft = InvitationDraft.Compose(issued, Tenant.Name, inviter, links, $"/{Tenant.Identifier}/users", l);
                InviteEmail = string.Empty;
                InviteResellerOrganisationId = null;
            }
        }

        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostChangeRoleAsync(Guid userId, string role, Guid? resellerOrganisationId) =>
        ChangeAsync(new ChangeMemberRoleCommand(Tenant.Id, userId, role, resellerOrganisationId), l["MemberRoleChanged"]);

    public Task<IActionResult> OnPostRemoveAsync(Guid userId) =>
        ChangeAsync(new RemoveMemberCommand(Tenant.Id, userId), l["MemberRemoved"]);

    public Task<IActionResult> OnPostRevokeInvitationAsync(Guid invitationId) =>
        ChangeAsync(new RevokeInvitationCommand(Tenant.Id, invitationId), l["InvitationRevokedDone"]);

    private TenantInfo Tenant => HttpContext.GetTenant() ?? throw new TenantNotResolvedException();

    private async Task<IActionResult> ChangeAsync(IRequest<Unit> command, string done)
    {
        if (ModelState.IsValid)
        {
            var (succeeded, _) = await TrySendAsync(command);
            if (succeeded)
            {
                StatusForNextPage = done;
                return RedirectToPage();
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var tenantId = Tenant.Id;
        var now = clock.GetUtcNow();
        Members = await db.Memberships.AsNoTracking()
            .Where(m => m.TenantId == tenantId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.DisplayName).ThenBy(x => x.u.Id)
            .Select(x => new MemberRow(x.u.Id, x.u.DisplayName, x.u.Email ?? string.Empty, x.m.Role, x.m.ResellerOrganisationId))
            .ToListAsync(HttpContext.RequestAborted);
        Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenantId, null, 100), HttpContext.RequestAborted);
        var memberResellers = Members.Select(m => m.ResellerOrganisationId).OfType<Guid>().Distinct().ToList();
        MemberResellers = memberResellers.Count == 0
            ? new Dictionary<Guid, PartnershipDto>()
            : (await Mediator.Send(new GetPartnershipsByResellerQuery(tenantId, memberResellers), HttpContext.RequestAborted)).ToDictionary(p => p.ResellerOrganisationId);
        PendingInvitations = await db.UserInvitations.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync(HttpContext.RequestAborted);
    }
}

internal sealed record MemberRow(Guid UserId, string DisplayName, string Email, string Role, Guid? ResellerOrganisationId);
