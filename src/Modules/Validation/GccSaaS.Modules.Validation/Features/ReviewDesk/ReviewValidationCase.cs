using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.Cases;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.ReviewDesk;

/// <summary>The acts of the review desk (R-VAL-3, R-VAL-4, R-VAL-7, R-PC-1).</summary>
internal enum ReviewAction
{
    StartReview = 1,
    RequestInformation = 2,
    Approve = 4,
    Deny = 5,
}

/// <summary>
/// A Validation reviewer acts on a case. Runs in the submitting tenant's scope (see <see cref="ReviewDeskActions"/>),
/// so the outcomes travel through that tenant's outbox: partner approval → <see cref="PartnerGccValidationApprovedNotification"/>
/// and one GCC validation code (R-PC-2); customer decision → <see cref="CustomerGccValidationDecidedNotification"/>;
/// an information request → a message to the customer contact (customer cases) or the submitting user; every
/// decision → a message to the submitter. <see cref="ExpectedVersion"/> (the version the reviewer saw) turns a
/// stale page into 409 <c>validation_case_changed</c>.
/// </summary>
internal sealed record ReviewValidationCaseCommand(Guid CaseId, ReviewAction Action, string? Text, int? ExpectedVersion) : IRequest<ValidationCaseResource>;

internal sealed class ReviewValidationCaseValidator : IRequestValidator<ReviewValidationCaseCommand>
{
    public IEnumerable<ValidationFailure> Validate(ReviewValidationCaseCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enum.IsDefined(request.Action))
        {
            yield return new ValidationFailure("action", "invalid", "Unknown review act.");
        }

        if (request.Text is { Length: > 4000 })
        {
            yield return new ValidationFailure("message", "too_long", "At most 4000 characters.");
        }
    }
}

internal sealed class ReviewValidationCaseHandler(
    ValidationDbContext db,
    IMediator mediator,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    IBusinessCalendar calendar,
    TimeProvider clock,
    IConfiguration configuration,
    IStringLocalizer<ValidationResource> l)
    : IRequestHandler<ReviewValidationCaseCommand, ValidationCaseResource>
{
    public async Task<ValidationCaseResource> Handle(ReviewValidationCaseCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current;
        if (user is null || !user.HasPlatformRole(GccSaaSRoles.ValidationReviewer))
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.ReviewerRoleRequired, DomainErrorKind.Forbidden);
        }

        await CaseConcurrency.LockAsync(db, request.CaseId, cancellationToken);
        var found = await db.Cases.Include(c => c.Events)
            .SingleOrDefaultAsync(c => c.Id == request.CaseId && c.SubmittedByTenantId == tenant.Id, cancellationToken)
            ?? throw OwnCases.NotFound();
        if (request.ExpectedVersion is { } expected && expected != found.Version)
        {
            throw CaseConcurrency.Changed();
        }

        var now = clock.GetUtcNow();
        var support = ValidationSupport.ContactFrom(configuration);
        found.Apply((ValidationCaseAction)request.Action, request.Text, new ValidationActor(user.UserId, user.DisplayName, IsReviewer: true), calendar, now);
        await OnActedAsync(found, tenant, request.Action, now, support, cancellationToken);
        await CaseConcurrency.SaveAsync(db, cancellationToken);
        return ValidationCaseResource.From(found, now, support);
    }

    /// <summary>
    /// Tells the submitter and the provider's Global admins (each once) in the language the case was submitted in
    /// (<see cref="ValidationCase.Culture"/>); the customer
    /// contact, whose language the product does not know, in English, the product's default.
    /// </summary>
    private async Task OnActedAsync(ValidationCase c, TenantInfo tenant, ReviewAction action, DateTimeOffset now, string support, CancellationToken cancellationToken)
    {
        var link = $"/{tenant.Identifier}/validation/{c.Id}";
        switch (action)
        {
            case ReviewAction.RequestInformation:
                var message = c.Events[^1].Message ?? string.Empty;
                db.EnqueueNotification(ValidationAnnouncements.InformationRequested(c, now), clock);
                using (var language = new CultureScope(c.Culture))
                {
                    NotificationTranslation Asked(string culture) => new(
                        culture, l["Notify_InformationRequested_Subject", Subject(c)].Value, l["Notify_InformationRequested_Body", message, support].Value);
                    var text = Asked(language.Name);
                    db.EnqueueNotification(
                        new UserNotificationRequested(
                            tenant.Id,
                            "validation.information_requested",
                            text.Subject,
                            text.Body,
                            RecipientUserId: c.SubmittedByUserId,
                            RecipientRole: GccSaaSRoles.GlobalAdmin, // the provider's admins act on it too, and a case submitted through the API has no submitting user
                            LinkUrl: link,
                            SendEmail: true,
                            Culture: language.Name,
                            Translations: CultureScope.InEveryLanguage(Asked)), // each reader sees it in their language (issue 16 item 7)
                        clock);
                }

                if (c.Kind == ValidationCaseKind.Customer && c.CustomerContactEmail is { Length: > 0 } contact)
                {
                    // R-VAL-7: the customer contact is asked directly (email, when SMTP is configured).
                    using var english = new CultureScope("en");
                    NotificationTranslation Needed(string culture) => new(
                        culture,
                        l["Notify_ContactInformationNeeded_Subject", c.CustomerLegalName ?? string.Empty].Value,
                        l["Notify_ContactInformationNeeded_Body", c.PartnerName, c.CustomerLegalName ?? string.Empty, c.CustomerDomain ?? string.Empty, message, support].Value);
                    var text = Needed(english.Name);
                    db.EnqueueNotification(
                        new UserNotificationRequested(
                            tenant.Id,
                            "validation.information_requested.customer",
                            text.Subject,
                            text.Body,
                            RecipientEmail: contact,
                            SendEmail: true,
                            Culture: english.Name,
                            Translations: CultureScope.InEveryLanguage(Needed)), // the same request in the portal's other languages (issue 16 item 7)
                        clock);
                }

                break;

            case ReviewAction.Approve or ReviewAction.Deny:
                var approved = action == ReviewAction.Approve;
                if (c.Kind == ValidationCaseKind.Partner && approved)
                {
                    await IssueCodeAsync(c, tenant, now, cancellationToken);
                    db.EnqueueNotification(new PartnerGccValidationApprovedNotification(tenant.Id, c.Id, c.PartnerOrganisationId, now), clock);
                }
                else if (c.Kind == ValidationCaseKind.Customer)
                {
                    db.EnqueueNotification(
                        new CustomerGccValidationDecidedNotification(tenant.Id, c.Id, c.CustomerTenantId, c.CustomerDomain ?? string.Empty, approved, c.DecisionReason, now),
                        clock);
                }

                using (var language = new CultureScope(c.Culture))
                {
                    NotificationTranslation Decided(string culture) => new(
                        culture,
                        l[approved ? "Notify_Approved_Subject" : "Notify_Denied_Subject", Subject(c)].Value,
                        approved
                            ? (c.Kind == ValidationCaseKind.Partner
                                ? l["Notify_PartnerApproved_Body", ValidationCodePolicy.MaxCreatesPerCode, support].Value
                                : l["Notify_CustomerApproved_Body", c.CustomerLegalName ?? string.Empty, support].Value)
                            : l["Notify_Denied_Body", c.DecisionReason ?? string.Empty, support].Value);
                    var text = Decided(language.Name);
                    db.EnqueueNotification(
                        new UserNotificationRequested(
                            tenant.Id,
                            approved ? "validation.approved" : "validation.denied",
                            text.Subject,
                            text.Body,
                            RecipientUserId: c.SubmittedByUserId,
                            RecipientRole: GccSaaSRoles.GlobalAdmin, // the provider's admins act on it too, and a case submitted through the API has no submitting user
                            LinkUrl: link,
                            SendEmail: true,
                            Culture: language.Name,
                            Translations: CultureScope.InEveryLanguage(Decided)), // each reader sees it in their language (issue 16 item 7)
                        clock);
                }

                break;
        }
    }

    /// <summary>What the case is about, in the current language.</summary>
    private string Subject(ValidationCase c) => ValidationText.CaseSubject(l, c.Kind, c.PartnerName, c.CustomerLegalName, c.CustomerDomain);

    /// <summary>R-PC-2: approving a partner case issues one code with <see cref="ValidationCodePolicy.MaxCreatesPerCode"/> customer creations.</summary>
    private async Task IssueCodeAsync(ValidationCase c, TenantInfo tenant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organisation = await mediator.Send(new GetPartnerOrganisationQuery(c.PartnerOrganisationId), cancellationToken);
        db.Codes.Add(new ValidationCode
        {
            TenantId = tenant.Id,
            ValidationId = ValidationCodePolicy.CodeFor(c.Id),
            CaseId = c.Id,
            PartnerOrganisationId = c.PartnerOrganisationId,
            PartnerId = organisation?.PartnerId ?? string.Empty,
            OrganizationName = c.PartnerName,
            MaxCreates = ValidationCodePolicy.MaxCreatesPerCode,
            RemainingCreates = ValidationCodePolicy.MaxCreatesPerCode,
            IssuedAt = now,
        });
    }
}

/// <summary>
/// Runs a review act in the submitting tenant's scope: cases are platform-level, but what an act causes (codes,
/// notifications, the audit entry) belongs to the tenant and goes through its outbox under its row-level security.
/// </summary>
internal sealed class ReviewDeskActions(
    ValidationDbContext db, DatabaseSession session, ITenantStore tenantStore, ITenantContextAccessor tenants, ICurrentUserAccessor users, IMediator mediator)
{
    public async Task<ValidationCaseResource> ActAsync(Guid caseId, ReviewAction action, string? text, int? expectedVersion, CancellationToken cancellationToken)
    {
        Guid tenantId;
        using (ReviewDeskAccess.Enter(users, session)) // whose case it is: the desk's read across tenants
        {
            tenantId = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (Guid?)c.SubmittedByTenantId).SingleOrDefaultAsync(cancellationToken)
                ?? throw OwnCases.NotFound();
        }

        var tenant = await tenantStore.FindByIdAsync(tenantId, cancellationToken) ?? throw OwnCases.NotFound();
        using (tenants.BeginScope(tenant))
        {
            return await mediator.Send(new ReviewValidationCaseCommand(caseId, action, text, expectedVersion), cancellationToken);
        }
    }
}
