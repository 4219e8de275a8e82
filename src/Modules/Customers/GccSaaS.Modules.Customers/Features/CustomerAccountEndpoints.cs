using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.Agreements;
using GccSaaS.Modules.Customers.Features.CustomerList;
using GccSaaS.Modules.Customers.Features.Qualifications;
using GccSaaS.Modules.Customers.Features.ResellerAssociation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>
/// A customer's qualifications (R-CUS-5, R-PC-1), reseller association (R-CUS-3, R-PC-4) and agreement
/// attestations (R-CUS-4, R-PC-6). Every route reaches the customer through the caller's scope: another
/// tenant's or another reseller's customer is a 404.
/// </summary>
internal static class CustomerAccountEndpoints
{
    public static RouteGroupBuilder MapCustomerAccountEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/{id:guid}/qualifications", GetQualificationsAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .WithName("GetCustomerQualifications");
        v1.MapPost("/customers/{id:guid}/qualifications", PostQualificationAsync)
            .RequireAuthorization(CustomersPolicies.CanManageCustomers)
            .WithName("CreateCustomerQualification");
        v1.MapPatch("/customers/{id:guid}", PatchAsync)
            .RequireAuthorization(CustomersPolicies.CanManageCustomers)
            .WithName("UpdateCustomerReseller")
            .WithSummary("R-CUS-3: { associatedPartnerId } associates the customer with a partnered reseller (null removes it: Global admin).");
        v1.MapGet("/customers/{id:guid}/agreements", GetAgreementsAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .WithName("GetCustomerAgreements");
        v1.MapPost("/customers/{id:guid}/agreements", PostAgreementAsync)
            .RequireAuthorization(CustomersPolicies.CanManageCustomers)
            .WithName("CreateCustomerAgreement");
        return v1;
    }

    private static async Task<IResult> GetQualificationsAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        var items = await mediator.Send(new GetQualificationsQuery(tenant.Id, id), cancellationToken);
        return Results.Ok(items.Select(QualificationResource.From).ToList());
    }

    private static async Task<IResult> PostQualificationAsync(HttpContext context, Guid id, QualificationRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        var created = await mediator.Send(new RequestQualificationCommand(tenant.Id, id, body.Qualification ?? string.Empty, body.ValidationCode), cancellationToken);
        return Results.Created($"/v1/customers/{id}/qualifications", QualificationResource.From(created));
    }

    private static async Task<IResult> PatchAsync(HttpContext context, Guid id, CustomerPatchRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        // associatedPartnerId is the reseller's tenant ID (Partner Center's id); the module keeps the organisation id.
        var reseller = await ResellerTenantIds.OrganisationIdAsync(mediator, body.AssociatedPartnerId, cancellationToken);
        await mediator.Send(new ChangeCustomerResellerCommand(tenant.Id, id, reseller), cancellationToken);
        var details = await mediator.Send(new GetCustomerQuery(tenant.Id, id), cancellationToken) ?? throw CustomerScope.NotFound(id);
        return Results.Ok(CustomerResource.From(details, await ResellerTenantIds.TenantIdAsync(mediator, details.Customer.ResellerOrganisationId, cancellationToken)));
    }

    private static async Task<IResult> GetAgreementsAsync(HttpContext context, Guid id, string? agreementType, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        var items = await mediator.Send(new GetAgreementsQuery(tenant.Id, id, agreementType), cancellationToken);
        return Results.Ok(new ResourceCollection<AgreementResource>([.. items.Select(AgreementResource.From)], new CollectionLinks(null)));
    }

    private static async Task<IResult> PostAgreementAsync(HttpContext context, Guid id, AgreementRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        if (body.DateAgreed is null)
        {
            throw new RequestValidationException([new("dateAgreed", "required", "Give the date the customer agreed.")]);
        }

        var agreement = await mediator.Send(
            new RecordAgreementCommand(
                tenant.Id,
                id,
                body.Type ?? CustomerAgreementTypes.MicrosoftCustomerAgreement,
                body.PrimaryContact?.FirstName ?? string.Empty,
                body.PrimaryContact?.LastName ?? string.Empty,
                body.PrimaryContact?.Email ?? string.Empty,
                body.PrimaryContact?.PhoneNumber,
                body.DateAgreed.Value),
            cancellationToken);
        return Results.Created($"/v1/customers/{id}/agreements", AgreementResource.From(agreement));
    }
}

internal sealed record QualificationRequest(string? Qualification, string? ValidationCode);

internal sealed record CustomerPatchRequest(Guid? AssociatedPartnerId);

internal sealed record AgreementRequest(ContactResource? PrimaryContact, DateTimeOffset? DateAgreed, string? Type, string? TemplateId);

internal sealed record ContactResource(string? FirstName, string? LastName, string? Email, string? PhoneNumber);

/// <summary>Partner Center's <c>Agreement</c>: primary contact, date agreed, type, who recorded it.</summary>
internal sealed record AgreementResource(ContactResource PrimaryContact, DateTimeOffset DateAgreed, string Type, Guid? UserId, string RecordedBy, DateTimeOffset RecordedAt, ResourceAttributes Attributes)
{
    public static AgreementResource From(CustomerAgreement a) => new(
        new ContactResource(a.ContactFirstName, a.ContactLastName, a.ContactEmail, a.ContactPhone),
        a.DateAgreed,
        a.AgreementType,
        a.RecordedByUserId,
        a.RecordedByName,
        a.RecordedAt,
        ResourceAttributes.Agreement);
}
