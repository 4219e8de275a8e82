using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.ReviewDesk;
using GccSaaS.Modules.Validation.Features.SubmitCustomerValidation;
using GccSaaS.Modules.Validation.Features.SubmitPartnerValidation;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>
/// The partner's side: <c>POST /v1/validationcases/partner</c> (R-VAL-1, Global admin), <c>POST
/// /v1/validationcases/customer</c> (R-VAL-5, R-VAL-6, any tenant role), <c>GET /v1/validationcases</c> and
/// <c>GET /v1/validationcases/{id}</c> (own cases only; a reseller user's own organisation's), <c>POST
/// /v1/validationcases/{id}/answer</c> (R-VAL-7). The review desk: <c>/v1/platform/validationcases</c> (Validation
/// reviewers only).
/// </summary>
internal static class ValidationCaseEndpoints
{
    public static RouteGroupBuilder MapValidationCases(this RouteGroupBuilder v1)
    {
        v1.MapPost("/validationcases/partner", SubmitPartnerAsync)
            .RequireAuthorization(ValidationPolicies.CanSubmitPartnerValidation)
            .WithName("SubmitPartnerGccValidation");
        v1.MapPost("/validationcases/customer", SubmitCustomerAsync)
            .RequireAuthorization(ValidationPolicies.CanSubmitCustomerValidation)
            .WithName("SubmitCustomerGccValidation");
        v1.MapGet("/validationcases", ListOwnAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("ListGccValidationCases");
        v1.MapGet("/validationcases/{id:guid}", GetAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("GetGccValidationCase");
        v1.MapPost("/validationcases/{id:guid}/answer", AnswerAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithName("AnswerGccValidationInformationRequest");

        v1.MapGet("/platform/validationcases", ListQueueAsync)
            .RequireAuthorization(ValidationPolicies.ValidationReviewer)
            .WithName("ListGccValidationReviewQueue");
        v1.MapGet("/platform/validationcases/{id:guid}", GetForReviewAsync)
            .RequireAuthorization(ValidationPolicies.ValidationReviewer)
            .WithName("GetGccValidationCaseForReview");
        foreach (var (segment, action) in new[]
        {
            ("startreview", ReviewAction.StartReview),
            ("requestinformation", ReviewAction.RequestInformation),
            ("approve", ReviewAction.Approve),
            ("deny", ReviewAction.Deny),
        })
        {
            v1.MapPost($"/platform/validationcases/{{id:guid}}/{segment}", (Guid id, ReviewActRequest? body, ReviewDeskActions desk, CancellationToken cancellationToken) =>
                    ActAsync(id, action, body, desk, cancellationToken))
                .RequireAuthorization(ValidationPolicies.ValidationReviewer)
                .WithName("GccValidationCase" + action);
        }

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

    private static async Task<IResult> SubmitCustomerAsync(HttpContext context, CustomerValidationRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is null)
        {
            return Results.NotFound();
        }

        var created = await mediator.Send(
            new SubmitCustomerValidationCommand(
                body.TenantId,
                body.LegalName ?? string.Empty,
                body.Domain ?? string.Empty,
                body.Address ?? string.Empty,
                body.CustomerTenantId,
                body.ContactName ?? string.Empty,
                body.ContactEmail ?? string.Empty,
                body.ContactPhone ?? string.Empty,
                ParseEnum<CustomerEligibilityCategory>(body.EligibilityCategory, "eligibilityCategory"),
                [.. (body.RegulatedData ?? []).Select(d => ParseEnum<RegulatedGovernmentData>(d, "regulatedData") ?? default)]),
            cancellationToken);
        return Results.Created($"/v1/validationcases/{created.Id}", created);
    }

    private static async Task<IResult> ListOwnAsync(HttpContext context, ContinuationPage<OwnCaseCursor> page, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        var rows = await mediator.Send(new ListOwnValidationCasesQuery(tenant.Id, page.After, page.Take), cancellationToken);
        return Results.Ok(page.ToCollection(rows, r => new OwnCaseCursor(r.Id)));
    }

    private static async Task<IResult> GetAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is not { } tenant)
        {
            return Results.NotFound();
        }

        return Results.Ok(await mediator.Send(new GetOwnValidationCaseQuery(tenant.Id, id), cancellationToken));
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, Guid id, AnswerRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is null)
        {
            return Results.NotFound();
        }

        return Results.Ok(await mediator.Send(new AnswerInformationRequestCommand(id, body.Answer ?? string.Empty), cancellationToken));
    }

    private static async Task<IResult> ListQueueAsync(
        ContinuationPage<ReviewQueueCursor> page, string? kind, string? state, IMediator mediator, CancellationToken cancellationToken)
    {
        var rows = await mediator.Send(new ListReviewQueueQuery(ReviewFilters.Kind(kind), ReviewFilters.State(state), page.After, page.Take), cancellationToken);
        return Results.Ok(page.ToCollection(rows, ListReviewQueueHandler.CursorOf));
    }

    private static async Task<IResult> GetForReviewAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetReviewCaseQuery(id), cancellationToken));

    private static async Task<IResult> ActAsync(Guid id, ReviewAction action, ReviewActRequest? body, ReviewDeskActions desk, CancellationToken cancellationToken) =>
        Results.Ok(await desk.ActAsync(id, action, body?.Message ?? body?.Reason, body?.Version, cancellationToken));

    private static T? ParseEnum<T>(string? value, string field)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new GccSaaS.BuildingBlocks.Mediation.RequestValidationException(
                [new GccSaaS.BuildingBlocks.Mediation.ValidationFailure(field, "invalid", $"Use one of {string.Join(", ", Enum.GetNames<T>())}.")]);
    }
}

/// <summary>The partner validation form (R-VAL-1): the commercial tenant ID and the eligibility facts.</summary>
internal sealed record PartnerValidationRequest(
    Guid? CommercialTenantId,
    string[]? GovernmentEntitiesServed,
    bool HoldsDirectContracts,
    bool HoldsIndirectContracts,
    string? ContractVehicles);

/// <summary>
/// The customer validation form (R-VAL-5). <see cref="TenantId"/> may be left out: the product fills in the
/// transacting partner's commercial tenant ID (R-VAL-6); another value is refused.
/// </summary>
internal sealed record CustomerValidationRequest(
    Guid? TenantId,
    string? LegalName,
    string? Domain,
    string? Address,
    Guid? CustomerTenantId,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    string? EligibilityCategory,
    string[]? RegulatedData);

internal sealed record AnswerRequest(string? Answer);

/// <summary>A review act: the information request's message or the denial's reason, and the version the reviewer saw.</summary>
internal sealed record ReviewActRequest(string? Message, string? Reason, int? Version);
