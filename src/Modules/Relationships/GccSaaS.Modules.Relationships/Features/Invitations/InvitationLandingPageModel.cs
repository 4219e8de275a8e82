using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// The page base of every link a provider sends (partnership and customer relationship): the link names the provider's
/// tenant, because the invitation can only be found inside it (RLS), and carries the token. An unknown or inactive
/// tenant and an unknown token answer 404; a used, withdrawn or expired invitation 410 on arrival (R-REL-7).
/// </summary>
internal abstract class InvitationLandingPageModel(
    IMediator mediator,
    ITenantStore tenantStore,
    ITenantContextAccessor tenantContext,
    InvitationLookup lookup,
    TimeProvider clock,
    InvitationKind kind)
    : PortalPageModel(mediator)
{
    [BindProperty(SupportsGet = true)]
    public string Provider { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    public Invitation? Invitation { get; private set; }

    public InvitationStatus State { get; private set; }

    public string ProviderName { get; private set; } = string.Empty;

    /// <summary>Runs in the tenant the link names; an unknown or inactive tenant is an unknown link (404).</summary>
    protected async Task<T?> InProviderTenantAsync<T>(Func<TenantInfo, Task<T?>> work)
    {
        var tenant = TenantIdentifier.IsValid(Provider) ? await tenantStore.FindByIdentifierAsync(Provider, HttpContext.RequestAborted) : null;
        if (tenant is not { IsActive: true })
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return default;
        }

        using (tenantContext.BeginScope(tenant))
        {
            return await work(tenant);
        }
    }

    /// <summary>The link's invitation in the provider's tenant (inside <see cref="InProviderTenantAsync{T}"/>), or null.</summary>
    protected Task<Invitation?> FindInvitationAsync() => lookup.FindByTokenAsync(Token, kind, HttpContext.RequestAborted);

    /// <summary>
    /// Finds the link's invitation in the provider's tenant and names the provider. <paramref name="keepStatus"/> keeps
    /// the status of a post that was answered already (a refusal, or the acceptance that just used the link).
    /// </summary>
    protected async Task LoadInvitationAsync(bool keepStatus)
    {
        Invitation = await FindInvitationAsync();
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        State = Invitation.EffectiveStatus(clock.GetUtcNow());
        if (State != InvitationStatus.Pending && !keepStatus)
        {
            Response.StatusCode = StatusCodes.Status410Gone; // used, withdrawn or past its date: gone for good
        }

        var tenant = tenantContext.RequireTenant();
        ProviderName = (await Mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), HttpContext.RequestAborted))?.LegalName ?? tenant.Name;
    }
}
