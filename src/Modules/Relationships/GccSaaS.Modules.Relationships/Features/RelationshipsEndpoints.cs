using System.Text.Json.Serialization;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features.Invitations;
using GccSaaS.Modules.Relationships.Features.Partnerships;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features;

/// <summary>
/// The module's <c>/v1</c> surface (docs/api.md, "Relationships"): partner relationships in Partner Center's
/// shape, partnership requests, invitations (list, resend, revoke) and partnership removal with attestation.
/// </summary>
internal static class RelationshipsEndpoints
{
    public static RouteGroupBuilder MapRelationships(this RouteGroupBuilder v1)
    {
        v1.MapGet("/relationships", ListRelationshipsAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("ListPartnerRelationships");
        v1.MapDelete("/relationships/{id:guid}", RemoveAsync)
            .RequireAuthorization(RelationshipsPolicies.CanRemovePartnership)
            .WithName("RemovePartnership");
        v1.MapPost("/relationships/requests", RequestPartnershipAsync)
            .RequireAuthorization(RelationshipsPolicies.CanRequestPartnership)
            .ShowsSecret() // the invitation link carries its token
            .WithName("RequestPartnership");
        v1.MapGet("/invitations", ListInvitationsAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("ListInvitations");
        v1.MapPost("/invitations/{id:guid}/resend", ResendAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .ShowsSecret()
            .WithName("ResendInvitation");
        v1.MapPost("/invitations/{id:guid}/revoke", RevokeAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("RevokeInvitation");
        return v1;
    }

    private static async Task<IResult> ListRelationshipsAsync(
        HttpContext context,
        ContinuationPage<ResellerCursor> page,
        IMediator mediator,
        ICurrentUserAccessor users,
        CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "relationship_type")] string? relationshipType = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] string? search = null)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        var user = users.Current;
        if (string.Equals(relationshipType, RelationshipTypes.IsIndirectCloudSolutionProviderOf, StringComparison.OrdinalIgnoreCase))
        {
            if (user is null || user.IsReseller)
            {
                throw new DomainRuleException("forbidden", "Only provider users list the provider's indirect resellers.", DomainErrorKind.Forbidden);
            }

            var rows = await mediator.Send(new ListIndirectResellersQuery(search, page.After, page.Take), cancellationToken);
            var collection = page.ToCollection(rows, r => r.Cursor);
            return Results.Ok(new ResourceCollection<PartnerRelationshipResource>(
                [.. collection.Items.Select(r => PartnerRelationshipResource.Reseller(r))], collection.Links));
        }

        if (string.Equals(relationshipType, RelationshipTypes.IsIndirectResellerOf, StringComparison.OrdinalIgnoreCase))
        {
            var providers = await mediator.Send(new ListIndirectProvidersQuery(), cancellationToken);
            var items = providers.Select(PartnerRelationshipResource.Provider).ToList();
            return Results.Ok(new ResourceCollection<PartnerRelationshipResource>(items, new CollectionLinks(null)));
        }

        throw new ApiProblemException(StatusCodes.Status400BadRequest, RelationshipErrorCodes.InvalidRelationshipType,
            $"relationship_type must be {RelationshipTypes.IsIndirectCloudSolutionProviderOf} or {RelationshipTypes.IsIndirectResellerOf}.",
            new[] { new { field = "relationship_type", code = "invalid" } });
    }

    /// <summary>
    /// <c>{id}</c> is the reseller's tenant ID, as the relationships list shows it (Partner Center's id). A tenant ID
    /// that names no active partnership of the tenant reaches the command as no partnership at all, so the command's
    /// own order holds: a non-admin is refused first, then the partnership is not found.
    /// </summary>
    private static async Task<IResult> RemoveAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken, bool attested = false)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        var partnershipId = await ActivePartnershipIdAsync(mediator, tenant.Id, id, cancellationToken) ?? Guid.Empty;
        return Results.Ok(await mediator.Send(new RemovePartnershipCommand(partnershipId, attested), cancellationToken));
    }

    /// <summary>The tenant's active partnership with the reseller whose commercial tenant ID this is, or null.</summary>
    private static async Task<Guid?> ActivePartnershipIdAsync(IMediator mediator, Guid tenantId, Guid resellerTenantId, CancellationToken cancellationToken)
    {
        var organisation = await mediator.Send(new GetPartnerOrganisationByTenantIdQuery(resellerTenantId), cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var partnership = await mediator.Send(new GetPartnershipQuery(tenantId, organisation.Id), cancellationToken);
        return partnership is { Status: PartnershipStatus.Active } ? partnership.PartnershipId : null;
    }

    private static async Task<IResult> RequestPartnershipAsync(
        HttpContext context, PartnershipRequestBody body, IMediator mediator, ICurrentUserAccessor users,
        IStringLocalizer<RelationshipsResource> l, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        var issued = await mediator.Send(new RequestPartnershipCommand(body.InvitedEmail ?? string.Empty), cancellationToken);
        var draft = await DraftAsync(context, tenant, issued, mediator, users, l, cancellationToken);
        return Results.Created($"/v1/invitations/{issued.Id}", InvitationLinkResource.From(draft, "PartnershipRequest"));
    }

    private static async Task<IResult> ListInvitationsAsync(
        HttpContext context, ContinuationPage<InvitationCursor> page, IMediator mediator, CancellationToken cancellationToken,
        string? kind = null, string? status = null)
    {
        if (context.GetTenant() is null)
        {
            return Results.NotFound();
        }

        InvitationKind? kindFilter = kind is null ? null
            : Enum.TryParse<InvitationKind>(kind, ignoreCase: true, out var k) ? k
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid_input", "kind must be Partnership or CustomerRelationship.",
                new[] { new { field = "kind", code = "invalid" } });
        var openOnly = status is not null && (string.Equals(status, "open", StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid_input", "status supports only open (pending, oldest first).",
                new[] { new { field = "status", code = "invalid" } }));
        var rows = await mediator.Send(new ListInvitationsQuery(openOnly, kindFilter, page.After, page.Take), cancellationToken);
        return Results.Ok(page.ToCollection(rows, r => r.Cursor));
    }

    private static async Task<IResult> ResendAsync(
        HttpContext context, Guid id, IMediator mediator, ICurrentUserAccessor users, IStringLocalizer<RelationshipsResource> l, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        var issued = await mediator.Send(new ResendInvitationCommand(id), cancellationToken);
        var draft = await DraftAsync(context, tenant, issued, mediator, users, l, cancellationToken);
        return Results.Ok(InvitationLinkResource.From(draft, issued.Kind == InvitationKind.Partnership ? "PartnershipRequest" : "RelationshipRequest"));
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is null)
        {
            return Results.NotFound();
        }

        await mediator.Send(new RevokeInvitationCommand(id), cancellationToken);
        return Results.NoContent();
    }

    /// <summary>The draft of an invitation just issued, in the caller's language, with the provider's name.</summary>
    public static async Task<InvitationDraft> DraftAsync(
        HttpContext context, TenantInfo tenant, IssuedInvitation issued, IMediator mediator, ICurrentUserAccessor users,
        IStringLocalizer<RelationshipsResource> l, CancellationToken cancellationToken)
    {
        var provider = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        var link = InvitationDraft.AbsoluteLink(context.RequestServices.GetRequiredService<PublicLinks>(), issued);
        return InvitationDraft.Compose(issued, issued.InvitedEmail, link, provider?.LegalName ?? tenant.Name, users.Current?.DisplayName ?? string.Empty, l);
    }
}

internal sealed record PartnershipRequestBody(string? InvitedEmail);

/// <summary>
/// An invitation link as the API answers it: Partner Center's <c>{ url, attributes }</c> plus the lifecycle
/// GccSaaS adds (id, status, expiry) and the drafted e-mail.
/// </summary>
internal sealed record InvitationLinkResource(Guid Id, string Url, string Status, DateTimeOffset ExpiresAt, DraftResource Email, ObjectAttributes Attributes)
{
    public static InvitationLinkResource From(InvitationDraft draft, string objectType) =>
        new(draft.InvitationId, draft.Link, nameof(InvitationStatus.Pending), draft.ExpiresAt,
            new DraftResource(draft.To, draft.Subject, draft.Body), new ObjectAttributes(objectType));
}

internal sealed record DraftResource(string To, string Subject, string Body);

internal sealed record ObjectAttributes(string ObjectType);

/// <summary>
/// Partner Center's <c>PartnerRelationship</c>: <c>id</c> is the partner's commercial tenant ID and <c>location</c> its
/// country, as in Partner Center; GccSaaS adds the partnership's own id (the portal's key), the directory organisation's
/// id, the start date and, for a provider, the customer count.
/// </summary>
internal sealed record PartnerRelationshipResource(
    Guid Id,
    Guid PartnershipId,
    Guid PartnerOrganisationId,
    string Name,
    string RelationshipType,
    string State,
    string MpnId,
    string? Location,
    DateTimeOffset Since,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CustomerCount,
    ObjectAttributes Attributes)
{
    public static PartnerRelationshipResource Reseller(IndirectResellerRow row) =>
        new(row.ResellerTenantId ?? row.ResellerOrganisationId, row.PartnershipId, row.ResellerOrganisationId, row.Name,
            "is_indirect_cloud_solution_provider_of", "Active", row.PartnerId, row.Location,
            row.Since, row.CustomerCount, new ObjectAttributes("PartnerRelationship"));

    public static PartnerRelationshipResource Provider(IndirectProviderRow row) =>
        new(row.ProviderTenantId ?? row.ProviderOrganisationId, row.PartnershipId, row.ProviderOrganisationId, row.Name, "is_indirect_reseller_of", "Active",
            row.PartnerId, row.Location, row.Since, null, new ObjectAttributes("PartnerRelationship"));
}
