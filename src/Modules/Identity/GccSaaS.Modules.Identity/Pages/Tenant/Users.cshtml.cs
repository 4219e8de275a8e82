using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Features.Invitations;
using GccSaaS.Modules.Identity.Features.Members;
using GccSaaS.Modules.Identity.Portal;
using GccSaaS.Modules.Identity.Resources;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Identity.Pages.Tenant;

/// <summary>The tenant's members and invitations: invite (e-mail draft with link), change roles, remove, revoke.</summary>
[NavigationLink("users", "/{tenant}/users", "Nav_Users", 80, Group = PortalGroup.Settings)]
[Authorize(Policy = IdentityPolicies.CanManageUsers)]
[ShowsSecret] // the invitation draft carries its link
internal sealed class UsersModel(IMediator mediator, GccSaaSIdentityDbContext db, TimeProvider clock, PublicLinks links, IStringLocalizer<IdentityResource> l)
    : PortalPageModel(mediator)
{
    /// <summary>Rows per page of the members list (a tenant may have thousands of members).</summary>
    public const int PageSize = 25;

    /// <summary>Pending invitations shown at most; the newest first.</summary>
    public const int PendingInvitationsShown = 100;

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    /// <summary>The members list's sort (name or e-mail), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>The members search: any part of the name or the e-mail address.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

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

    public async Task<IActionResult> OnGetAsync()
    {
        if (!PortalList.TryRead<MemberCursor>(HttpContext, MemberSorts.All, PageSize, out _))
        {
            return BadRequest();
        }

        await LoadAsync();
        return Page();
    }

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
        // After a post the list shows as the page's address has it; an address that is no page of it shows no list.
        if (PortalList.TryRead<MemberCursor>(HttpContext, MemberSorts.All, PageSize, out var list))
        {
            List = list;
            Members = list.Page(await MemberList.ReadAsync(db, tenantId, Q, list, HttpContext.RequestAborted), m => m.Cursor(list.SortKey));
        }

        Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenantId, null, 100), HttpContext.RequestAborted);
        var memberResellers = Members.Select(m => m.ResellerOrganisationId).OfType<Guid>().Distinct().ToList();
        MemberResellers = memberResellers.Count == 0
            ? new Dictionary<Guid, PartnershipDto>()
            : (await Mediator.Send(new GetPartnershipsByResellerQuery(tenantId, memberResellers), HttpContext.RequestAborted)).ToDictionary(p => p.ResellerOrganisationId);
        PendingInvitations = await db.UserInvitations.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .Take(PendingInvitationsShown)
            .ToListAsync(HttpContext.RequestAborted);
    }
}

internal sealed record MemberRow(Guid UserId, string DisplayName, string Email, string Role, Guid? ResellerOrganisationId, string NameKey = "", string EmailKey = "")
{
    public MemberCursor Cursor(string sort) => new(sort == MemberSorts.Email ? EmailKey : NameKey, UserId);
}

/// <summary>The keyset of the members list: the sort column's key (lower-cased name or normalised e-mail), then the user id.</summary>
internal sealed record MemberCursor(string Key, Guid Id);

/// <summary>The orders the members list offers.</summary>
internal static class MemberSorts
{
    public const string Name = "name";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [Name, Email];
}

/// <summary>One keyset page of the tenant's members, searched by any part of the name or e-mail address.</summary>
internal static class MemberList
{
    public static async Task<IReadOnlyList<MemberRow>> ReadAsync(
        GccSaaSIdentityDbContext db, Guid tenantId, string? search, PortalList<MemberCursor> list, CancellationToken cancellationToken)
    {
#pragma warning disable CA1304, CA1311, CA1862
        var query = db.Memberships.AsNoTracking()
            .Where(m => m.TenantId == tenantId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new MemberJoin
            {
                UserId = u.Id,
                DisplayName = u.DisplayName,
                Email = u.Email ?? string.Empty,
                Role = m.Role,
                ResellerOrganisationId = m.ResellerOrganisationId,
                NameKey = u.DisplayName.ToLower(), // lower() in SQL, never evaluated in .NET
                EmailKey = u.NormalizedEmail ?? string.Empty,
            });
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + Escape(search.Trim()) + "%";
            query = query.Where(x => EF.Functions.ILike(x.DisplayName, pattern, "\\") || EF.Functions.ILike(x.Email, pattern, "\\"));
        }

        var descending = list.ReadDescending;
        IOrderedQueryable<MemberJoin> ordered;
        if (list.SortKey == MemberSorts.Email)
        {
            if (list.Seek is { } after)
            {
                query = descending
                    ? query.Where(x => string.Compare(x.EmailKey, after.Key) < 0 || (x.EmailKey == after.Key && x.UserId.CompareTo(after.Id) < 0))
                    : query.Where(x => string.Compare(x.EmailKey, after.Key) > 0 || (x.EmailKey == after.Key && x.UserId.CompareTo(after.Id) > 0));
            }

            ordered = descending ? query.OrderByDescending(x => x.EmailKey).ThenByDescending(x => x.UserId) : query.OrderBy(x => x.EmailKey).ThenBy(x => x.UserId);
        }
        else
        {
            if (list.Seek is { } after)
            {
                query = descending
                    ? query.Where(x => string.Compare(x.NameKey, after.Key) < 0 || (x.NameKey == after.Key && x.UserId.CompareTo(after.Id) < 0))
                    : query.Where(x => string.Compare(x.NameKey, after.Key) > 0 || (x.NameKey == after.Key && x.UserId.CompareTo(after.Id) > 0));
            }

            ordered = descending ? query.OrderByDescending(x => x.NameKey).ThenByDescending(x => x.UserId) : query.OrderBy(x => x.NameKey).ThenBy(x => x.UserId);
        }

#pragma warning restore CA1304, CA1311, CA1862
        var rows = await ordered.Take(list.Take).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new MemberRow(x.UserId, x.DisplayName, x.Email, x.Role, x.ResellerOrganisationId, x.NameKey, x.EmailKey))];
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A member joined with its user (member-init, so that the query composes on it).</summary>
    private sealed class MemberJoin
    {
        public Guid UserId { get; init; }

        public string DisplayName { get; init; } = string.Empty;

        public string Email { get; init; } = string.Empty;

        public string Role { get; init; } = string.Empty;

        public Guid? ResellerOrganisationId { get; init; }

        public string NameKey { get; init; } = string.Empty;

        public string EmailKey { get; init; } = string.Empty;
    }
}
