using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Resources;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Relationships.Features.CustomerRelationships;

/// <summary>
/// R-REL-4: <c>GET /v1/customers/relationshiprequests</c>, Partner Center's "get the reseller relationship
/// request URL": each call issues a new tracked invitation (single use, expiring) and answers its URL.
/// Optional <c>?resellerId=</c> (provider users; the reseller's tenant ID, Partner Center's id) and <c>?email=</c>.
/// </summary>
internal static class CustomerRelationshipEndpoints
{
    public static RouteGroupBuilder MapCustomerRelationshipRequests(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/relationshiprequests", RequestAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .ShowsSecret() // the invitation link carries its token
            .WithName("GetCustomerRelationshipRequestUrl");
        return v1;
    }

    private static async Task<IResult> RequestAsync(
        HttpContext context, IMediator mediator, ICurrentUserAccessor users, IStringLocalizer<RelationshipsResource> l, CancellationToken cancellationToken,
        Guid? resellerId = null, string? email = null)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        // A tenant ID the directory does not know names no organisation, hence no partnership: the command refuses it
        // as it refuses a reseller without an active partnership.
        Guid? reseller = resellerId is { } tenantId
            ? (await mediator.Send(new GetPartnerOrganisationByTenantIdQuery(tenantId), cancellationToken))?.Id ?? Guid.Empty
            : null;
        var issued = await mediator.Send(new RequestCustomerRelationshipCommand(reseller, email), cancellationToken);
        var draft = await RelationshipsEndpoints.DraftAsync(context, tenant, issued, mediator, users, l, cancellationToken);
        return Results.Ok(InvitationLinkResource.From(draft, "RelationshipRequest"));
    }
}
