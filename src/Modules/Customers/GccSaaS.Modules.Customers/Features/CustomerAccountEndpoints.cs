using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Customers.Features.AdministratorPassword;
using GccSaaS.Modules.Customers.Features.Agreements;
using GccSaaS.Modules.Customers.Features.CustomerList;
using GccSaaS.Modules.Customers.Features.Qualifications;
using GccSaaS.Modules.Customers.Features.ResellerAssociation;

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
        v1.MapGet("/agreements", GetAgreementMetadataAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .WithName("GetAgreementMetadata")
            .WithSummary("R-PC-6: the metadata (templateId, agreementLink) of the agreement a provider confirms for a customer.");
        v1.MapGet("/customers/{id:guid}/agreements", GetAgreementsAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .WithName("GetCustomerAgreements");
        v1.MapPost("/customers/{id:guid}/agreements", PostAgreementAsync)
            .RequireAuthorization(CustomersPolicies.CanManageCustomers)
            .WithName("CreateCustomerAgreement");
        v1.MapAdministratorPasswordEndpoints();
        return v1;
    }

    private static async Task<IResult> GetQualificationsAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        var items = await mediator.Send(new GetQualificationsQuery(tenant.Id, id), cancellationToken);
        return Results.Ok(items.Select(QualificationResource.From).ToList());
    }

    /// <summary>
    /// Both of Partner Center's forms: the validation code in the body (<c>validationCode</c>) or in the query
    /// (<c>?code=</c>, the REST reference's form). Two different codes are refused, never one of them silently chosen.
    /// </summary>
    private static async Task<IResult> PostQualificationAsync(
        HttpContext context, Guid id, QualificationRequest body, IMediator mediator, CancellationToken cancellationToken, string? code = null)
    {
        var tenant = context.GetTenant() ?? throw CustomerScope.NotFound(id);
        var fromQuery = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        var fromBody = string.IsNullOrWhiteSpace(body.ValidationCode) ? null : body.ValidationCode.Trim();
        if (fromQuery is not null && fromBody is not null && !string.Equals(fromQuery, fromBody, StringComparison.Ordinal))
        {
            throw new RequestValidationException([new("code", "conflicts_with_body", "The validation code in ?code= differs from validationCode in the body; send one.")]);
        }

        var created = await mediator.Send(new RequestQualificationCommand(tenant.Id, id, body.Qualification ?? string.Empty, fromBody ?? fromQuery), cancellationToken);
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

    /// <summary>
    /// Partner Center's <c>GET /v1/agreements?agreementType=</c>: <c>MicrosoftCustomerAgreement</c> or <c>*</c> answer the
    /// Microsoft Customer Agreement's metadata; <c>MicrosoftCloudAgreement</c> (Partner Center's default when the type is
    /// left out) is an agreement GccSaaS does not confirm, so an empty collection; any other type is 400.
    /// </summary>
    private static IResult GetAgreementMetadataAsync(string? agreementType)
    {
        var type = agreementType?.Trim();
        if (string.IsNullOrEmpty(type) || string.Equals(type, CustomerAgreementTypes.MicrosoftCloudAgreement, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Ok(new ResourceCollection<AgreementMetadataResource>([], new CollectionLinks(null)));
        }

        if (type == "*" || string.Equals(type, CustomerAgreementTypes.MicrosoftCustomerAgreement, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Ok(new ResourceCollection<AgreementMetadataResource>([AgreementMetadataResource.MicrosoftCustomerAgreement], new CollectionLinks(null)));
        }

        throw new RequestValidationException([new("agreementType", "invalid", "agreementType is MicrosoftCustomerAgreement, MicrosoftCloudAgreement or *.")]);
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

        if (body.TemplateId is { } templateId && !string.Equals(templateId.Trim(), CustomerAgreementTypes.TemplateIdOf(body.Type ?? CustomerAgreementTypes.MicrosoftCustomerAgreement), StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestValidationException([new("templateId", "invalid", "templateId is the agreement's template id from GET /v1/agreements.")]);
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

/// <summary>Partner Center's <c>AgreementMetaData</c>.</summary>
internal sealed record AgreementMetadataResource(string TemplateId, string AgreementType, string AgreementLink, int VersionRank, ResourceAttributes Attributes)
{
    public static readonly AgreementMetadataResource MicrosoftCustomerAgreement = new(
        CustomerAgreementTypes.MicrosoftCustomerAgreementTemplateId, CustomerAgreementTypes.MicrosoftCustomerAgreement,
        CustomerAgreementTypes.MicrosoftCustomerAgreementLink, 0, new ResourceAttributes("AgreementMetaData"));
}

/// <summary>Partner Center's <c>Agreement</c>: primary contact, date agreed, type, template id and link, who recorded it.</summary>
internal sealed record AgreementResource(
    ContactResource PrimaryContact, DateTimeOffset DateAgreed, string Type, string? TemplateId, string? AgreementLink,
    Guid? UserId, string RecordedBy, DateTimeOffset RecordedAt, ResourceAttributes Attributes)
{
    public static AgreementResource From(CustomerAgreement a) => new(
        new ContactResource(a.ContactFirstName, a.ContactLastName, a.ContactEmail, a.ContactPhone),
        a.DateAgreed,
        a.AgreementType,
        CustomerAgreementTypes.TemplateIdOf(a.AgreementType),
        CustomerAgreementTypes.LinkOf(a.AgreementType),
        a.RecordedByUserId,
        a.RecordedByName,
        a.RecordedAt,
        ResourceAttributes.Agreement);
}
