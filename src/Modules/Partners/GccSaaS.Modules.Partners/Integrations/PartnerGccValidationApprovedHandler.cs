using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Validation.Contracts;

namespace GccSaaS.Modules.Partners.Integrations;

/// <summary>
/// R-VAL-4: an approved partner GCC validation adds <c>Government_community_cloud</c> to the organisation's
/// qualifications. Runs once per message (inbox); adding a qualification it already has changes nothing.
/// </summary>
internal sealed partial class PartnerGccValidationApprovedHandler(PartnersDbContext db, TimeProvider clock, ILogger<PartnerGccValidationApprovedHandler> logger)
    : IdempotentNotificationHandler<PartnerGccValidationApprovedNotification, PartnersDbContext>(db)
{
    protected override async Task HandleOnceAsync(PartnerGccValidationApprovedNotification notification, CancellationToken cancellationToken)
    {
        var organisation = await Db.PartnerOrganisations.FirstOrDefaultAsync(o => o.Id == notification.PartnerOrganisationId, cancellationToken);
        if (organisation is null)
        {
            LogUnknownOrganisation(logger, notification.PartnerOrganisationId, notification.CaseId);
            return;
        }

        organisation.AddQualification(PartnerQualifications.GovernmentCommunityCloud, clock.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GCC validation case {CaseId} was approved for organisation {OrganisationId}, which is not in the partner directory.")]
    private static partial void LogUnknownOrganisation(ILogger logger, Guid organisationId, Guid caseId);
}
