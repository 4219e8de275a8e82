using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.Modules.Validation.Features.ReviewDesk;

/// <summary>
/// The review desk's one way across tenants (ADR 0021): validation cases are fenced by the submitting tenant, and the
/// desk reads them all on the <see cref="PlatformAccess.ValidationReview"/> path, which it enters only for a caller
/// who holds the Validation reviewer role. The policy admits reads only; an act runs in the submitting tenant.
/// </summary>
internal static class ReviewDeskAccess
{
    public static IDisposable Enter(ICurrentUserAccessor users, DatabaseSession session)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Current?.HasPlatformRole(GccSaaSRoles.ValidationReviewer) != true)
        {
            throw ValidationRefusal.Of(ValidationErrorCodes.ReviewerRoleRequired, DomainErrorKind.Forbidden);
        }

        return PlatformAccess.Enter(PlatformAccess.ValidationReview, session);
    }
}
