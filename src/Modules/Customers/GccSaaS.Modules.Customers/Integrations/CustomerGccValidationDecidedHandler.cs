using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Validation.Contracts;

namespace GccSaaS.Modules.Customers.Integrations;

/// <summary>
/// R-VAL-8, R-PC-1: a customer's GCC validation was decided: the customer tenant (by id, else by its primary
/// domain) holds the GovernmentCommunityCloud qualification Approved, or Denied with the reviewer's reason. An
/// approved qualification is never withdrawn: a later denial leaves it approved.
/// </summary>
internal sealed class CustomerGccValidationDecidedHandler(CustomersDbContext db)
    : IdempotentNotificationHandler<CustomerGccValidationDecidedNotification, CustomersDbContext>(db)
{
    protected override async Task HandleOnceAsync(CustomerGccValidationDecidedNotification notification, CancellationToken cancellationToken)
    {
        var domain = CustomerDomainName.Normalize(notification.CustomerDomain);
        var customerTenantId = notification.CustomerTenantId
            ?? (domain is null ? null : await Db.CustomerTenants.Where(t => t.Domain == domain).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken));
        if (customerTenantId is not { } id || !await Db.CustomerTenants.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return; // a customer not created yet: adding it with the validation code gives it the qualification
        }

        var qualification = await Db.Qualifications.FirstOrDefaultAsync(
            q => q.CustomerTenantId == id && q.Qualification == CustomerQualifications.GovernmentCommunityCloud, cancellationToken);
        if (!QualificationRules.CanDecide(qualification?.VettingStatus))
        {
            return;
        }

        if (qualification is null)
        {
            qualification = new CustomerQualification
            {
                CustomerTenantId = id,
                Qualification = CustomerQualifications.GovernmentCommunityCloud,
                CreatedAt = notification.DecidedAt,
            };
            Db.Qualifications.Add(qualification);
        }

        qualification.VettingStatus = notification.Approved ? VettingStatus.Approved : VettingStatus.Denied;
        qualification.VettingReason = notification.Approved ? null : notification.Reason ?? "Denied by the reviewer.";
        qualification.RequestedByTenantId ??= notification.TenantId;
        qualification.UpdatedAt = notification.DecidedAt;
    }
}
