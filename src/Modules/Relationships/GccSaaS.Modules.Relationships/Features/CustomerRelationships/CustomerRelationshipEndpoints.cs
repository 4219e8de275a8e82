using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.CustomerRelationships;

/// <summary>
/// R-REL-4: <c>GET /v1/customers/relationshiprequests</c>, Partner Center's "get the reseller relationship
/// request URL": safe, it answers the same standing link (single use, expiring, revocable) on every call until that
/// link is used, expires or is revoked; only then does a call issue the next one. <c>POST</c> issues a new standing
/// link at once (the one later GETs answer).
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
        v1.MapPost("/customers/relationshiprequests", NewAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .ShowsSecret()
            .WithName("CreateCustomerRelationshipRequestUrl");
        return v1;
    }

    private static Task<IResult> RequestAsync(
        HttpContext context, IMediator mediator, ICurrentUserAccessor users, IStringLocalizer<RelationshipsResource> l, CancellationToken cancellationToken,
        Guid? resellerId = null, string? email = null) =>
        IssueAsync(context, mediator, users, l, StandingLink.Reuse, resellerId, email, cancellationToken);

    private static Task<IResult> NewAsync(
        HttpContext context, IMediator mediator, ICurrentUserAccessor users, IStringLocalizer<RelationshipsResource> l, CancellationToken cancellationToken,
        Guid? resellerId = null, string? email = null) =>
        IssueAsync(context, mediator, users, l, StandingLink.New, resellerId, email, cancellationToken);

    private static async Task<IResult> IssueAsync(
        HttpContext context, IMediator mediator, ICurrentUserAccessor users, IStringLocalizer<RelationshipsResource> l, StandingLink link,
        Guid? resellerId, string? email, CancellationToken cancellationToken)
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
        var issued = await mediator.Send(new RequestCustomerRelationshipCommand(reseller, email, link), cancellationToken);
        var draft = await RelationshipsEndpoints.DraftAsync(context, tenant, issued, mediator, users, l, cancellationToken);
        var resource = InvitationLinkResource.From(draft, "RelationshipRequest");
        return link == StandingLink.New ? Results.Created($"/v1/invitations/{issued.Id}", resource) : Results.Ok(resource);
    }
}
