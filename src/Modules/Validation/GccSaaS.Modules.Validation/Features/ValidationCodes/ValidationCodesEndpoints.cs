using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Validation.Data;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Validation.Features.ValidationCodes;

/// <summary>R-PC-2: <c>GET /v1/customers/all/validations</c>, Partner Center's list of GCC validation codes.</summary>
internal static class ValidationCodesEndpoints
{
    public static RouteGroupBuilder MapValidationCodes(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/all/validations", ListAsync)
            .RequireAuthorization(GccSaaSPolicies.ProviderUser)
            .WithName("ListGccValidationCodes");
        return v1;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        var items = await mediator.Send(new ListValidationCodesQuery(tenant.Id), cancellationToken);
        return Results.Ok(new ResourceCollection<ValidationCodeResource>(items, new CollectionLinks(null)));
    }
}

/// <summary>Partner Center's item of <c>/customers/all/validations</c>.</summary>
internal sealed record ValidationCodeResource(string PartnerId, string OrganizationName, string ValidationId, int MaxCreates, int RemainingCreates);

/// <summary>The codes of a tenant in Partner Center's shape (a partner has few codes: one page).</summary>
internal sealed record ListValidationCodesQuery(Guid TenantId) : IRequest<IReadOnlyList<ValidationCodeResource>>;

internal sealed class ListValidationCodesHandler(ValidationDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<ListValidationCodesQuery, IReadOnlyList<ValidationCodeResource>>
{
    public async Task<IReadOnlyList<ValidationCodeResource>> Handle(ListValidationCodesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidationCodeRules.EnsureCurrentTenant(tenants, request.TenantId);
        return await db.Codes
            .Where(c => c.TenantId == request.TenantId)
            .OrderBy(c => c.IssuedAt).ThenBy(c => c.ValidationId)
            .Select(c => new ValidationCodeResource(c.PartnerId, c.OrganizationName, c.ValidationId, c.MaxCreates, c.RemainingCreates))
            .ToListAsync(cancellationToken);
    }
}
