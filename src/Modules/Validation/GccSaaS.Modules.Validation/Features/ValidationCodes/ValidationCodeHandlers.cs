using GccSaaS.Modules.Validation.Contracts;
using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;

namespace GccSaaS.Modules.Validation.Features.ValidationCodes;

/// <summary>R-PC-2: the partner's GCC validation codes with their uses.</summary>
internal sealed class GetValidationCodesHandler(ValidationDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<GetValidationCodesQuery, IReadOnlyList<ValidationCodeDto>>
{
    public async Task<IReadOnlyList<ValidationCodeDto>> Handle(GetValidationCodesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidationCodeRules.EnsureCurrentTenant(tenants, request.TenantId);
        return await db.Codes
            .Where(c => c.TenantId == request.TenantId)
            .OrderBy(c => c.IssuedAt).ThenBy(c => c.ValidationId)
            .Select(c => new ValidationCodeDto(c.ValidationId, c.OrganizationName, c.MaxCreates, c.RemainingCreates))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>
/// R-PC-2: consumes one use of a code for a customer with one guarded UPDATE (never below zero, even
/// under concurrent uses) and records the customer. A customer that already used the code consumes nothing.
/// </summary>
internal sealed class ConsumeValidationCodeHandler(ValidationDbContext db, ITenantContextAccessor tenants, TimeProvider clock)
    : IRequestHandler<ConsumeValidationCodeCommand, ValidationCodeDto>
{
    public async Task<ValidationCodeDto> Handle(ConsumeValidationCodeCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidationCodeRules.EnsureCurrentTenant(tenants, request.TenantId);

        var alreadyUsed = await db.CodeUses.AnyAsync(
            u => u.TenantId == request.TenantId && u.ValidationId == request.ValidationId && u.CustomerTenantId == request.CustomerTenantId,
            cancellationToken);
        if (alreadyUsed)
        {
            return await CurrentAsync(request, cancellationToken)
                ?? throw NotFound(request.ValidationId);
        }

        var consumed = await db.Database.SqlQuery<CodeRow>($"""
            UPDATE validation.validation_codes
               SET remaining_creates = remaining_creates - 1
             WHERE tenant_id = {request.TenantId} AND validation_id = {request.ValidationId} AND remaining_creates > 0
            RETURNING validation_id AS "ValidationId", organization_name AS "OrganizationName",
                      max_creates AS "MaxCreates", remaining_creates AS "RemainingCreates"
            """).ToListAsync(cancellationToken);
        if (consumed.Count == 0)
        {
            if (await CurrentAsync(request, cancellationToken) is null)
            {
                throw NotFound(request.ValidationId);
            }

            throw ValidationRefusal.Of(ValidationErrorCodes.ValidationCodeExhausted, ValidationSupport.DefaultContact, DomainErrorKind.RuleViolated, request.ValidationId);
        }

        db.CodeUses.Add(new ValidationCodeUse
        {
            TenantId = request.TenantId,
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ValidationId = request.ValidationId,
            CustomerTenantId = request.CustomerTenantId,
            UsedAt = clock.GetUtcNow(),
        });
        var row = consumed[0];
        return new ValidationCodeDto(row.ValidationId, row.OrganizationName, row.MaxCreates, row.RemainingCreates);
    }

    private Task<ValidationCodeDto?> CurrentAsync(ConsumeValidationCodeCommand request, CancellationToken cancellationToken) =>
        db.Codes.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.ValidationId == request.ValidationId)
            .Select(c => new ValidationCodeDto(c.ValidationId, c.OrganizationName, c.MaxCreates, c.RemainingCreates))
            .SingleOrDefaultAsync(cancellationToken);

    private static DomainRuleException NotFound(string validationId) =>
        ValidationRefusal.Of(ValidationErrorCodes.ValidationCodeNotFound, ValidationSupport.DefaultContact, DomainErrorKind.NotFound, validationId);

    internal sealed class CodeRow
    {
        public string ValidationId { get; set; } = "";

        public string OrganizationName { get; set; } = "";

        public int MaxCreates { get; set; }

        public int RemainingCreates { get; set; }
    }
}

internal static class ValidationCodeRules
{
    /// <summary>A contract names its tenant; it must be the tenant the request runs in (RLS fences the rest).</summary>
    public static void EnsureCurrentTenant(ITenantContextAccessor tenants, Guid tenantId)
    {
        if (tenants.RequireTenant().Id != tenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }
    }
}
