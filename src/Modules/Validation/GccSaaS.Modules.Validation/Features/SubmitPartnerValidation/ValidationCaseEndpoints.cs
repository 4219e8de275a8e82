using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Validation.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GccSaaS.Modules.Validation.Features.SubmitPartnerValidation;

/// <summary>
/// <c>POST /v1/validationcases/partner</c> (R-VAL-1, Global admin) and <c>GET /v1/validationcases/{id}</c>
/// (the submitting tenant's own cases only).
/// </summary>
internal static class ValidationCaseEndpoints
{
    public static RouteGroupBuilder MapValidationCases(this RouteGroupBuilder v1)
    {
        v1.MapPost("/validationcases/partner", SubmitPartnerAsync)
            .RequireAuthorization(GccSaaSPolicies.CanSubmitPartnerValidation)
            .WithName("SubmitPartnerGccValidation");
        v1.MapGet("/validationcases/{id:guid}", GetAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("GetGccValidationCase");
        return v1;
    }

    private static async Task<IResult> SubmitPartnerAsync(HttpContext context, PartnerValidationRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is null)
        {
            return Results.NotFound();
        }

        var created = await mediator.Send(
            new SubmitPartnerValidationCommand(
                body.CommercialTenantId ?? Guid.Empty,
                body.GovernmentEntitiesServed ?? [],
                body.HoldsDirectContracts,
                body.HoldsIndirectContracts,
                body.ContractVehicles),
            cancellationToken);
        return Results.Created($"/v1/validationcases/{created.Id}", created);
    }

    private static async Task<IResult> GetAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        return Results.Ok(await mediator.Send(new GetOwnValidationCaseQuery(tenant.Id, id), cancellationToken));
    }
}

/// <summary>The partner validation form (R-VAL-1): the commercial tenant ID and the eligibility facts.</summary>
internal sealed record PartnerValidationRequest(
    Guid? CommercialTenantId,
    string[]? GovernmentEntitiesServed,
    bool HoldsDirectContracts,
    bool HoldsIndirectContracts,
    string? ContractVehicles);
