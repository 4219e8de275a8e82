using GccSaaS.BuildingBlocks.Time;

namespace GccSaaS.Modules.Validation.Domain;

/// <summary>
/// A GCC validation case (platform-level: no tenant_id; the submitting tenant is
/// <see cref="SubmittedByTenantId"/> and every tenant-facing query filters by it). Acts go through
/// <see cref="Apply"/>, which runs the state machine, moves the due date and appends a history event.
/// <see cref="Version"/> guards concurrent updates.
/// </summary>
internal sealed class ValidationCase
{
    private readonly List<ValidationCaseEvent> _events = [];

    private ValidationCase()
    {
    }

    public Guid Id { get; private set; }

    public ValidationCaseKind Kind { get; private set; }

    public ValidationCaseState State { get; private set; }

    /// <summary>The tenant whose workspace submitted the case (the transacting partner's workspace).</summary>
    public Guid SubmittedByTenantId { get; private set; }

    /// <summary>The directory organisation of the transacting partner.</summary>
    public Guid PartnerOrganisationId { get; private set; }

    public string PartnerName { get; private set; } = "";

    /// <summary>R-VAL-1/R-VAL-6: the transacting partner's commercial tenant ID carried by the request.</summary>
    public Guid CommercialTenantId { get; private set; }

    public Guid SubmittedByUserId { get; private set; }

    public string SubmittedByName { get; private set; } = "";

    /// <summary>For a reseller user's customer request: the reseller organisation it acts for.</summary>
    public Guid? SubmittedForResellerOrganisationId { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    // Partner case facts (R-VAL-1).
    public string[] GovernmentEntitiesServed { get; private set; } = [];

    public bool HoldsDirectContracts { get; private set; }

    public bool HoldsIndirectContracts { get; private set; }

    public string? ContractVehicles { get; private set; }

    // Customer case facts (R-VAL-5).
    public string? CustomerLegalName { get; private set; }

    public string? CustomerDomain { get; private set; }

    public string? CustomerAddress { get; private set; }

    public Guid? CustomerTenantId { get; private set; }

    public string? CustomerContactName { get; private set; }

    public string? CustomerContactEmail { get; private set; }

    public string? CustomerContactPhone { get; private set; }

    public CustomerEligibilityCategory? EligibilityCategory { get; private set; }

    public string[] RegulatedData { get; private set; } = [];

    public int Version { get; private set; }

    /// <summary>The submitter's language (<c>en</c>, <c>de</c>…), so what the case tells them speaks it.</summary>
    public string Culture { get; private set; } = "en";

    public IReadOnlyList<ValidationCaseEvent> Events => _events;

    public static ValidationCase SubmitPartnerCase(
        PartnerCaseSubmission submission,
        ValidationActor actor,
        IBusinessCalendar calendar,
        DateTimeOffset now,
        string culture)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var c = New(ValidationCaseKind.Partner, submission.TenantId, submission.PartnerOrganisationId, submission.PartnerName, submission.CommercialTenantId, actor, now, culture);
        c.GovernmentEntitiesServed = [.. submission.GovernmentEntitiesServed];
        c.HoldsDirectContracts = submission.HoldsDirectContracts;
        c.HoldsIndirectContracts = submission.HoldsIndirectContracts;
        c.ContractVehicles = submission.ContractVehicles;
        c.Start(actor, calendar, now);
        return c;
    }

    public static ValidationCase SubmitCustomerCase(
        CustomerCaseSubmission submission,
        ValidationActor actor,
        IBusinessCalendar calendar,
        DateTimeOffset now,
        string culture)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var c = New(ValidationCaseKind.Customer, submission.TenantId, submission.PartnerOrganisationId, submission.PartnerName, submission.CommercialTenantId, actor, now, culture);
        c.SubmittedForResellerOrganisationId = submission.ResellerOrganisationId;
        c.CustomerLegalName = submission.LegalName;
        c.CustomerDomain = submission.Domain;
        c.CustomerAddress = submission.Address;
        c.CustomerTenantId = submission.CustomerTenantId;
        c.CustomerContactName = submission.ContactName;
        c.CustomerContactEmail = submission.ContactEmail;
        c.CustomerContactPhone = submission.ContactPhone;
        c.EligibilityCategory = submission.Category;
        c.RegulatedData = [.. submission.RegulatedData];
        c.Start(actor, calendar, now);
        return c;
    }

    /// <summary>Moves the case by <paramref name="action"/>; refusals are DomainRuleExceptions with stable codes.</summary>
    public ValidationCaseEvent Apply(ValidationCaseAction action, string? text, ValidationActor actor, IBusinessCalendar calendar, DateTimeOffset now)
    {
        var from = State;
        var next = ValidationCaseStateMachine.Next(from, action, text);
        DueAt = ValidationDueDates.After(calendar, action, next, now, DueAt);
        State = next;
        UpdatedAt = now;
        Version++;
        if (!next.IsOpen())
        {
            DecidedAt = now;
            DecisionReason = action == ValidationCaseAction.Deny ? text?.Trim() : null;
        }

        return Record(action, from, next, text, actor, now);
    }

    public bool IsOverdue(DateTimeOffset now) => ValidationDueDates.IsOverdue(DueAt, now);

    private static ValidationCase New(ValidationCaseKind kind, Guid tenantId, Guid organisationId, string partnerName, Guid commercialTenantId, ValidationActor actor, DateTimeOffset now, string culture)
        => new()
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            State = ValidationCaseState.Submitted,
            SubmittedByTenantId = tenantId,
            PartnerOrganisationId = organisationId,
            PartnerName = partnerName,
            CommercialTenantId = commercialTenantId,
            SubmittedByUserId = actor.UserId,
            SubmittedByName = actor.Name,
            SubmittedAt = now,
            UpdatedAt = now,
            Culture = string.IsNullOrWhiteSpace(culture) ? "en" : culture,
        };

    private void Start(ValidationActor actor, IBusinessCalendar calendar, DateTimeOffset now)
    {
        DueAt = ValidationDueDates.After(calendar, ValidationCaseAction.Submit, ValidationCaseState.Submitted, now, null);
        Record(ValidationCaseAction.Submit, null, ValidationCaseState.Submitted, null, actor, now);
    }

    private ValidationCaseEvent Record(ValidationCaseAction action, ValidationCaseState? from, ValidationCaseState to, string? text, ValidationActor actor, DateTimeOffset now)
    {
        var e = new ValidationCaseEvent(Guid.CreateVersion7(now), Id, _events.Count + 1, now, action, from, to, actor.UserId, actor.Name, actor.IsReviewer, string.IsNullOrWhiteSpace(text) ? null : text.Trim());
        _events.Add(e);
        return e;
    }
}

/// <summary>One line of a case's history: who did what when, with the message (request, answer, reason).</summary>
internal sealed record ValidationCaseEvent(
    Guid Id,
    Guid CaseId,
    int Sequence,
    DateTimeOffset OccurredAt,
    ValidationCaseAction Action,
    ValidationCaseState? FromState,
    ValidationCaseState ToState,
    Guid ActorUserId,
    string ActorName,
    bool ByReviewer,
    string? Message);

/// <summary>Who acts on a case.</summary>
internal sealed record ValidationActor(Guid UserId, string Name, bool IsReviewer);

internal sealed record PartnerCaseSubmission(
    Guid TenantId,
    Guid PartnerOrganisationId,
    string PartnerName,
    Guid CommercialTenantId,
    IReadOnlyList<string> GovernmentEntitiesServed,
    bool HoldsDirectContracts,
    bool HoldsIndirectContracts,
    string? ContractVehicles);

internal sealed record CustomerCaseSubmission(
    Guid TenantId,
    Guid PartnerOrganisationId,
    string PartnerName,
    Guid CommercialTenantId,
    Guid? ResellerOrganisationId,
    string LegalName,
    string Domain,
    string Address,
    Guid? CustomerTenantId,
    string ContactName,
    string ContactEmail,
    string ContactPhone,
    CustomerEligibilityCategory Category,
    IReadOnlyList<string> RegulatedData);
