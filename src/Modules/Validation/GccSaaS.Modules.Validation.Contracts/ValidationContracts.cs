using MediatR;

namespace GccSaaS.Modules.Validation.Contracts;

/// <summary>
/// R-VAL-4: a partner's GCC validation was approved. The Partners module adds
/// <c>Government_community_cloud</c> to the organisation's qualifications.
/// </summary>
public sealed record PartnerGccValidationApprovedNotification(Guid TenantId, Guid CaseId, Guid PartnerOrganisationId, DateTimeOffset ApprovedAt) : INotification;

/// <summary>
/// R-VAL-8, R-PC-1: a customer's GCC validation was decided. The Customers module gives the customer the
/// <c>GovernmentCommunityCloud</c> qualification with vetting status Approved, or Denied with the reason.
/// </summary>
public sealed record CustomerGccValidationDecidedNotification(
    Guid TenantId,
    Guid CaseId,
    Guid? CustomerTenantId,
    string CustomerDomain,
    bool Approved,
    string? Reason,
    DateTimeOffset DecidedAt) : INotification;

/// <summary>What a GCC validation case is about: the partner's own qualification or a customer's.</summary>
public enum GccValidationSubject
{
    Partner = 0,
    Customer = 1,
}

/// <summary>
/// R-VAL-1, R-VAL-5: a GCC validation case was submitted (a partner's own, or a customer's on its behalf). Ids and
/// the customer's domain only; the case's contact and legal details stay in Validation.
/// </summary>
public sealed record GccValidationSubmittedNotification(
    Guid TenantId,
    Guid CaseId,
    GccValidationSubject Subject,
    Guid? CustomerTenantId,
    string? CustomerDomain,
    Guid PartnerOrganisationId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? DueAt) : INotification;

/// <summary>
/// R-VAL-7: a reviewer asked the submitter for more information on a case. The question itself is not carried
/// (it may name people); the submitter reads it on the case.
/// </summary>
public sealed record GccValidationInformationRequestedNotification(
    Guid TenantId,
    Guid CaseId,
    GccValidationSubject Subject,
    Guid? CustomerTenantId,
    string? CustomerDomain,
    Guid PartnerOrganisationId,
    DateTimeOffset RequestedAt) : INotification;

/// <summary>R-PC-2: a partner's GCC validation code with its uses.</summary>
public sealed record ValidationCodeDto(string ValidationId, string OrganizationName, int MaxCreates, int RemainingCreates);

public sealed record GetValidationCodesQuery(Guid TenantId) : IRequest<IReadOnlyList<ValidationCodeDto>>;

/// <summary>
/// R-PC-2: consumes one use of a code for a customer, atomically; refused with <c>validation_code_exhausted</c>
/// or <c>validation_code_not_found</c>.
/// </summary>
public sealed record ConsumeValidationCodeCommand(Guid TenantId, string ValidationId, Guid CustomerTenantId) : IRequest<ValidationCodeDto>;

/// <summary>
/// The demo seed (build/run.sh): sent by the host's demo seeder in the scope of the tenant, it records the tenant's
/// approved partner GCC validation (so the partner holds Government_community_cloud and one GCC validation code
/// with maxCreates 5) and one customer case waiting on the review desk. Idempotent: a tenant with cases is left alone.
/// </summary>
public sealed record SeedDemoValidationCommand(Guid TenantId) : IRequest<int>;
