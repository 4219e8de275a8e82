using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Partners.Domain;

/// <summary>R-PAR-5: what an indirect provider asks of its entry in the official list of indirect providers.</summary>
internal enum ListingChangeKind
{
    /// <summary>Add me to the official list.</summary>
    List,

    /// <summary>Take me off the official list.</summary>
    Unlist,

    /// <summary>My entry is listed but wrong: correct it as the text says (the flag does not change).</summary>
    Correct,
}

internal enum ListingRequestState
{
    Open,
    Approved,
    Declined,
}

/// <summary>
/// R-PAR-5: a provider's request to change its listing, decided by the platform operator. Platform level
/// (the operator's queue): no tenant_id column; the requesting tenant is <see cref="RequestedByTenantId"/>,
/// and every read that serves a tenant filters by it. At most one open request per organisation.
/// </summary>
internal sealed class ListingChangeRequest
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid RequestedByTenantId { get; set; }

    public Guid RequestedByUserId { get; set; }

    public string RequestedByName { get; set; } = string.Empty;

    /// <summary>
    /// Asked with a tenant API key (<see cref="RequestedByUserId"/> is then the key's id): the outcome goes to
    /// the tenant's Global admins instead of one person.
    /// </summary>
    public bool RequestedWithApiKey { get; set; }

    public ListingChangeKind Kind { get; set; }

    public string Text { get; set; } = string.Empty;

    public ListingRequestState State { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedByUserId { get; set; }

    public string? DecisionReason { get; set; }
}

/// <summary>R-PAR-5 as pure rules: who may ask for what, and what an approval does to the flag.</summary>
internal static class ListingRequestRules
{
    public const int MaxTextLength = 2000;

    /// <summary>The refusal code for asking <paramref name="kind"/> of an organisation in this state, or null.</summary>
    public static string? Refusal(PartnerType type, bool officiallyListed, ListingChangeKind kind) =>
        type != PartnerType.IndirectProvider ? PartnersErrorCodes.ListingRequestsForIndirectProvidersOnly
        : kind == ListingChangeKind.List && officiallyListed ? PartnersErrorCodes.AlreadyListed
        : kind is ListingChangeKind.Unlist or ListingChangeKind.Correct && !officiallyListed ? PartnersErrorCodes.NotListed
        : null;

    /// <summary>The officially-listed flag after an approved request (only the operator's approval changes it).</summary>
    public static bool ListedAfterApproval(ListingChangeKind kind, bool officiallyListed) => kind switch
    {
        ListingChangeKind.List => true,
        ListingChangeKind.Unlist => false,
        _ => officiallyListed,
    };
}
