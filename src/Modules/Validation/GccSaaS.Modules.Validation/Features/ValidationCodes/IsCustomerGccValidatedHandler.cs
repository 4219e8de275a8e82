using GccSaaS.Modules.Validation.Contracts;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Validation.Features.ValidationCodes;

/// <summary>
/// R-VAL-9: one approved customer validation covers the whole GCC family (Office 365, Dynamics 365, EMS and
/// Power BI GCC): the answer does not depend on the offer. Cases are platform-level, so the query filters by
/// the asking tenant explicitly: another partner's approval of the same customer does not count here.
/// </summary>
internal sealed class IsCustomerGccValidatedHandler(ValidationDbContext db) : IRequestHandler<IsCustomerGccValidatedQuery, bool>
{
    public Task<bool> Handle(IsCustomerGccValidatedQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return db.Cases.AnyAsync(
            c => c.SubmittedByTenantId == request.TenantId
                && c.Kind == ValidationCaseKind.Customer
                && c.CustomerTenantId == request.CustomerTenantId
                && c.State == ValidationCaseState.Approved,
            cancellationToken);
    }
}
