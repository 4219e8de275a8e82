using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// R-REL-3: the confirmation of a partnership's removal, with the attestation in the user's language (wording
/// <see cref="RemovalAttestation.Version"/>) and the statement that no termination notice is generated.
/// </summary>
[Authorize(Policy = RelationshipsPolicies.CanRemovePartnership)]
internal sealed class RemovePartnershipPageModel(IMediator mediator, IRelationshipTexts texts) : PortalPageModel(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public bool Attested { get; set; }

    public PartnershipDto? Partnership { get; private set; }

    public PartnershipRemoval? Removal { get; private set; }

    public string AttestationText { get; private set; } = string.Empty;

    public string TenantIdentifier => HttpContext.GetTenant()?.Identifier ?? string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (succeeded, removal) = await TrySendAsync(new RemovePartnershipCommand(Id, Attested));
        if (succeeded)
        {
            Removal = removal;
            return Page();
        }

        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Partnership = await Mediator.Send(new GetActivePartnershipQuery(Id), HttpContext.RequestAborted);
        AttestationText = Partnership is null ? string.Empty : texts.Get(RemovalAttestation.TextKey, Partnership.ResellerName);
        return Partnership is not null;
    }
}
