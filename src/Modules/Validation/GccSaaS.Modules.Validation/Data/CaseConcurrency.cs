using GccSaaS.Modules.Validation.Domain;
using Npgsql;

namespace GccSaaS.Modules.Validation.Data;

/// <summary>
/// Acts on one case are serialised: the act locks the case row first (<c>FOR UPDATE</c>), so a second act waits
/// for the first to commit and then sees its state and version (409 for a stale version or an act the new state no
/// longer allows). The integer version stays as EF's concurrency token, and a lost race still answers 409
/// <c>validation_case_changed</c>.
/// </summary>
internal static class CaseConcurrency
{
    public static Task LockAsync(ValidationDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM validation.cases WHERE id = {caseId} FOR UPDATE", cancellationToken);

    public static async Task SaveAsync(ValidationDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Changed();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two acts recorded the same history sequence at once: the later one lost the race.
            throw Changed();
        }
    }

    public static DomainRuleException Changed() => ValidationRefusal.Of(ValidationErrorCodes.CaseChanged, DomainErrorKind.Conflict);
}
