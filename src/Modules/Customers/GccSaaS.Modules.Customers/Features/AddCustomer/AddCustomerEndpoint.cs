using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Features.CustomerList;

namespace GccSaaS.Modules.Customers.Features.AddCustomer;

/// <summary><c>POST /v1/customers</c> (R-CUS-1, R-CUS-2, R-PC-4): add a customer; the body is the <see cref="AddCustomerRequest"/>.</summary>
internal static class AddCustomerEndpoint
{
    public static RouteGroupBuilder MapAddCustomer(this RouteGroupBuilder v1)
    {
        v1.MapPost("/customers", AddAsync)
            .RequireAuthorization(CustomersPolicies.CanManageCustomers)
            .WithMetadata(OneTimeSecretResponseMetadata.Instance)
            .WithName("AddCustomer")
            .WithSummary("R-CUS-1, R-CUS-2: adds a customer; userCredentials.password is in this answer only.");
        return v1;
    }

    private static async Task<IResult> AddAsync(HttpContext context, AddCustomerRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant();
        if (tenant is null)
        {
            return Results.NotFound();
        }

        var requestId = ApiRequestId.Get(context)?.Value ?? Guid.CreateVersion7();
        // associatedPartnerId is the reseller's tenant ID, as in Partner Center; the command takes the organisation id.
        var reseller = await ResellerTenantIds.OrganisationIdAsync(mediator, body.AssociatedPartnerId, cancellationToken);
        var added = await mediator.Send(new AddCustomerCommand(tenant.Id, requestId, body with { AssociatedPartnerId = reseller }), cancellationToken);
        var details = await mediator.Send(new GetCustomerQuery(tenant.Id, added.CustomerTenantId), cancellationToken)
            ?? throw new InvalidOperationException("The customer just added is not visible.");

        // R-CUS-2: the password is in this answer only; OneTimeSecretResponseMetadata makes it Cache-Control: no-store.
        if (added.Replayed)
        {
            context.Response.Headers[ApiHeaders.IdempotentReplay] = "true";
        }

        return Results.Created(
            $"/v1/customers/{added.CustomerTenantId}",
            CustomerResource.From(
                details,
                await ResellerTenantIds.TenantIdAsync(mediator, details.Customer.ResellerOrganisationId, cancellationToken),
                new UserCredentialsResource(UserCredentialsResource.AdminUserName, added.TemporaryPassword)));
    }
}
