using System.Text.Json.Serialization;
using GccSaaS.Modules.Ordering.Features.Catalogue;

namespace GccSaaS.Modules.Ordering.Features.Pricing;

/// <summary>
/// Reseller prices through <c>/v1</c> (issue 14, beyond Partner Center): <c>GET /v1/pricing/markups</c> for provider
/// users, <c>PUT</c> for the Global admin. A reseller's price is the list price × (1 + its markup); an order records
/// the markup in force at checkout and each line's reseller price.
/// </summary>
internal static class PricingEndpoints
{
    public static RouteGroupBuilder MapPricingRoutes(this RouteGroupBuilder v1)
    {
        v1.MapGet("/pricing/markups", GetAsync)
            .RequireAuthorization(PricingPolicies.CanReadMarkups)
            .WithName("GetMarkups")
            .WithSummary("The default markup and each partnered reseller's (its own, or null for the default) with the markup in force.");
        v1.MapPut("/pricing/markups", PutAsync)
            .RequireAuthorization(PricingPolicies.CanSetMarkups)
            .WithName("SetMarkups")
            .WithSummary("Global admin: sets the default markup and/or resellers' own markups (by PartnerID; null returns a reseller to the default).");
        return v1;
    }

    private static Guid TenantOf(HttpContext context) =>
        context.GetTenant()?.Id ?? throw new InvalidOperationException("A /v1 route ran without a tenant.");

    private static async Task<IResult> GetAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(MarkupsResource.From(await mediator.Send(new GetMarkupsQuery(TenantOf(context)), cancellationToken)));

    private static async Task<IResult> PutAsync(HttpContext context, MarkupsRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        // A null item names no reseller: the input rules refuse it like a missing PartnerID.
        var changes = (body.Resellers ?? []).Select(r => new ResellerMarkupChange(r?.PartnerId, null, r?.MarkupPercent)).ToList();
        var markups = await mediator.Send(new SetMarkupsCommand(TenantOf(context), body.DefaultMarkupPercent, changes), cancellationToken);
        return Results.Ok(MarkupsResource.From(markups));
    }
}

/// <summary>The body of <c>PUT /v1/pricing/markups</c>: what it names changes, the rest stays.</summary>
internal sealed record MarkupsRequest(decimal? DefaultMarkupPercent, IReadOnlyList<ResellerMarkupRequest>? Resellers);

/// <summary>One reseller's own markup by its PartnerID; <c>markupPercent: null</c> returns it to the default.</summary>
internal sealed record ResellerMarkupRequest(string? PartnerId, decimal? MarkupPercent);

internal sealed record MarkupsResource(decimal DefaultMarkupPercent, IReadOnlyList<ResellerMarkupResource> Resellers, DateTimeOffset? LastModifiedTimestamp, string? LastModifiedUser)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("ResellerMarkups");

    public static MarkupsResource From(MarkupsDto markups)
    {
        ArgumentNullException.ThrowIfNull(markups);
        return new(
            markups.DefaultMarkupPercent,
            [.. markups.Resellers.Select(r => new ResellerMarkupResource(r.ResellerOrganisationId, r.PartnerId, r.ResellerName, r.MarkupPercent, r.MarkupInForce))],
            markups.UpdatedAt,
            markups.UpdatedBy);
    }
}

internal sealed record ResellerMarkupResource(Guid ResellerOrganisationId, string PartnerId, string Name, decimal? MarkupPercent, decimal MarkupInForce);
