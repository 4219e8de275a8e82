using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Validation.Contracts;
using Npgsql;

namespace GccSaaS.Modules.Customers.Features.Qualifications;

/// <summary>
/// R-VAL-5, R-PC-1, R-PC-2: give an existing customer the GCC special qualification with one of the partner's
/// validation codes (one use consumed, atomically). Approved at once: the code stands for the partner's completed
/// validation (docs/adr/0014-customers.md). An approved or pending qualification is not requested again.
/// </summary>
internal sealed record RequestQualificationCommand(Guid TenantId, Guid CustomerId, string Qualification, string? ValidationCode)
    : IRequest<CustomerQualification>;

internal sealed class RequestQualificationValidator : IRequestValidator<RequestQualificationCommand>
{
    public IEnumerable<ValidationFailure> Validate(RequestQualificationCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Qualification != CustomerQualifications.GovernmentCommunityCloud)
        {
            yield return new("qualification", CustomerErrorCodes.QualificationNotSupported, "The qualification a partner can request here is GovernmentCommunityCloud.");
        }
        else if (string.IsNullOrWhiteSpace(request.ValidationCode))
        {
            yield return new("validationCode", CustomerErrorCodes.ValidationCodeRequired, "A Government Community Cloud qualification needs one of your GCC validation codes.");
        }
    }
}

internal sealed class RequestQualificationHandler(
    CustomersDbContext db,
    CustomerScope scope,
    ITenantContextAccessor tenants,
    IMediator mediator,
    TimeProvider clock)
    : IRequestHandler<RequestQualificationCommand, CustomerQualification>
{
    public async Task<CustomerQualification> Handle(RequestQualificationCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        scope.EnsureProvider(CustomerErrorCodes.ResellerCannotManage, "Your indirect provider requests special qualifications.");
        if (!await scope.Visible(request.TenantId).AnyAsync(c => c.CustomerTenantId == request.CustomerId, cancellationToken))
        {
            throw CustomerScope.NotFound(request.CustomerId);
        }

        await GccRules.EnsurePartnerQualifiedAsync(mediator, tenant.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var code = request.ValidationCode?.Trim() is { Length: > 0 } given
            ? given
            : throw new RequestValidationException([new("validationCode", CustomerErrorCodes.ValidationCodeRequired, "A Government Community Cloud qualification needs one of your GCC validation codes.")]);
        var current = await db.Qualifications.FirstOrDefaultAsync(
            q => q.CustomerTenantId == request.CustomerId && q.Qualification == request.Qualification, cancellationToken);
        if (current is not null && !QualificationRules.CanRequest(current.VettingStatus))
        {
            throw new DomainRuleException(CustomerErrorCodes.QualificationAlreadyExists,
                $"The customer's {request.Qualification} qualification is {current.VettingStatus} already; an approved qualification is not withdrawn or requested again.",
                DomainErrorKind.Conflict);
        }

        if (current is null)
        {
            current = new CustomerQualification
            {
                CustomerTenantId = request.CustomerId,
                Qualification = request.Qualification,
                VettingStatus = VettingStatus.Approved,
                RequestedByTenantId = tenant.Id,
                ValidationCode = code,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Qualifications.Add(current);

            // As when adding a customer: the row first (a racing request fails on its key), then the code use.
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                throw AlreadyRequested(request.Qualification);
            }
        }
        else
        {
            // After a denial: a guarded update, so of two racing requests only one turns it around.
            var updated = await db.Qualifications
                .Where(q => q.CustomerTenantId == request.CustomerId && q.Qualification == request.Qualification && q.VettingStatus == VettingStatus.Denied)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(q => q.VettingStatus, VettingStatus.Approved)
                        .SetProperty(q => q.VettingReason, (string?)null)
                        .SetProperty(q => q.RequestedByTenantId, tenant.Id)
                        .SetProperty(q => q.ValidationCode, code)
                        .SetProperty(q => q.UpdatedAt, now),
                    cancellationToken);
            if (updated == 0)
            {
                throw AlreadyRequested(request.Qualification);
            }

            db.Entry(current).State = EntityState.Detached;
            current = await db.Qualifications.AsNoTracking().SingleAsync(
                q => q.CustomerTenantId == request.CustomerId && q.Qualification == request.Qualification, cancellationToken);
        }

        await mediator.Send(new ConsumeValidationCodeCommand(tenant.Id, code, request.CustomerId), cancellationToken);
        return current;
    }

    private static DomainRuleException AlreadyRequested(string qualification) => new(
        CustomerErrorCodes.QualificationAlreadyExists, $"The customer's {qualification} qualification was just requested by someone else.", DomainErrorKind.Conflict);
}

/// <summary>R-CUS-5, R-PC-1: the customer's special qualifications with their vetting status.</summary>
internal sealed record GetQualificationsQuery(Guid TenantId, Guid CustomerId) : IRequest<IReadOnlyList<CustomerQualification>>;

internal sealed class GetQualificationsHandler(CustomersDbContext db, CustomerScope scope)
    : IRequestHandler<GetQualificationsQuery, IReadOnlyList<CustomerQualification>>
{
    public async Task<IReadOnlyList<CustomerQualification>> Handle(GetQualificationsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await scope.Visible(request.TenantId).AnyAsync(c => c.CustomerTenantId == request.CustomerId, cancellationToken))
        {
            throw CustomerScope.NotFound(request.CustomerId);
        }

        return await db.Qualifications.AsNoTracking().Where(q => q.CustomerTenantId == request.CustomerId)
            .OrderBy(q => q.Qualification).ToListAsync(cancellationToken);
    }
}
