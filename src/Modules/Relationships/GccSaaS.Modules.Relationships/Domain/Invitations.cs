namespace GccSaaS.Modules.Relationships.Domain;

/// <summary>What an invitation invites to: a reseller partnership (R-REL-1) or a customer relationship (R-REL-4).</summary>
internal enum InvitationKind
{
    Partnership = 0,
    CustomerRelationship = 1,
}

/// <summary>R-REL-7: the lifecycle Partner Center does not track.</summary>
internal enum InvitationStatus
{
    Pending = 0,
    Accepted = 1,
    Expired = 2,
    Revoked = 3,
}

/// <summary>The rules of an invitation's life, free of EF and HTTP (unit-tested).</summary>
internal static class InvitationRules
{
    /// <summary>
    /// R-REL-7: the status a visitor sees now. A pending invitation past its expiry is expired whether or not
    /// the expiry job has run (acceptance never depends on the job).
    /// </summary>
    public static InvitationStatus EffectiveStatus(InvitationStatus stored, DateTimeOffset expiresAt, DateTimeOffset now) =>
        stored == InvitationStatus.Pending && expiresAt <= now ? InvitationStatus.Expired : stored;

    /// <summary>R-REL-7: refuses an invitation that cannot be accepted, each case with its own code.</summary>
    public static void EnsureAcceptable(InvitationStatus stored, DateTimeOffset expiresAt, DateTimeOffset now, IRelationshipTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        switch (EffectiveStatus(stored, expiresAt, now))
        {
            case InvitationStatus.Pending:
                return;
            case InvitationStatus.Expired:
                throw new DomainRuleException(RelationshipErrorCodes.InvitationExpired, texts.Get("Error_invitation_expired"));
            case InvitationStatus.Accepted:
                throw new DomainRuleException(RelationshipErrorCodes.InvitationUsed, texts.Get("Error_invitation_used"));
            default:
                throw new DomainRuleException(RelationshipErrorCodes.InvitationRevoked, texts.Get("Error_invitation_revoked"));
        }
    }

    /// <summary>R-REL-1: the sender may edit the draft, but the personalised link must stay in it.</summary>
    public static void EnsureDraftKeepsLink(string draft, string link, IRelationshipTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (string.IsNullOrEmpty(draft) || string.IsNullOrEmpty(link) || !draft.Contains(link, StringComparison.Ordinal))
        {
            throw new DomainRuleException(RelationshipErrorCodes.InvitationLinkMissing, texts.Get("Error_invitation_link_missing"));
        }
    }

    /// <summary>
    /// How the reseller proves who it is (ADR 0013): the signed-in account's e-mail is the address the
    /// provider invited, compared without regard to case.
    /// </summary>
    public static void EnsureInvitee(string? invitedEmail, string? signedInEmail, IRelationshipTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (invitedEmail is not null
            && (signedInEmail is null || !string.Equals(invitedEmail.Trim(), signedInEmail.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException(RelationshipErrorCodes.InvitationForAnotherAddress, texts.Get("Error_invitation_for_another_address"), DomainErrorKind.Forbidden);
        }
    }

    /// <summary>Only an open (pending or expired) invitation can be sent again or withdrawn.</summary>
    public static bool CanResendOrRevoke(InvitationStatus stored) => stored is InvitationStatus.Pending or InvitationStatus.Expired;
}

/// <summary>Localised texts for refusals (the module's resources behind it).</summary>
internal interface IRelationshipTexts
{
    string Get(string key, params object[] arguments);
}
