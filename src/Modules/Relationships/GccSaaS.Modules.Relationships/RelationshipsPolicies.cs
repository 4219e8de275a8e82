namespace GccSaaS.Modules.Relationships;

/// <summary>Who may request, remove and configure partnerships (R-PAR-1, R-REL-1, R-REL-3, R-REL-7).</summary>
internal sealed class RelationshipsPolicies : IRolePolicyTable
{
    /// <summary>R-PAR-1, R-REL-1: indirect-provider tasks.</summary>
    public const string CanRequestPartnership = "CanRequestPartnership";

    /// <summary>R-REL-3: removing a partnership is the tenant admin's act.</summary>
    public const string CanRemovePartnership = "CanRemovePartnership";

    /// <summary>R-REL-7: the tenant's invitation lifetime and reminder points.</summary>
    public const string CanManageInvitationSettings = "CanManageInvitationSettings";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanRequestPartnership] = [GccSaaSRoles.GlobalAdmin, GccSaaSRoles.SalesAgent],
        [CanRemovePartnership] = [GccSaaSRoles.GlobalAdmin],
        [CanManageInvitationSettings] = [GccSaaSRoles.GlobalAdmin],
    };
}
