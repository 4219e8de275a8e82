namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>The body of <c>POST /v1/webhooks</c>.</summary>
internal sealed record RegisterWebhookRequest(string? Url, string? Description, IReadOnlyList<string>? EventTypes);

/// <summary>The body of <c>POST /v1/webhooks/{id}/replay</c>: every delivery made since this time is sent again.</summary>
internal sealed record ReplayWebhooksRequest(DateTimeOffset? Since);

/// <summary>
/// <c>/v1/webhooks</c> (issue 17): register, list, read, pause, resume, delete, rotate the secret, read the delivery log
/// (deliveries and attempts, keyset-paged with continuation tokens) and replay. The provider's Global admin (and a
/// reseller admin, for its own customers' events) manages them; the secret is in the answer to registration and
/// rotation only (no-store, never replayed from the MS-RequestId store).
/// </summary>
internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnerCenterApi().MapGroup("/webhooks")
            .RequireAuthorization(NotificationsPolicies.CanManageWebhooks)
            .WithTags("Webhooks");

        group.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The tenant's webhook endpoints (a reseller admin: its own).");
        group.MapGet("/eventtypes", EventTypes).WithName("ListWebhookEventTypes")
            .Produces<WebhookEventTypesResource>()
            .WithSummary("The event types, the payload version and each payload's schema (docs/webhooks.md).");
        group.MapPost("/", RegisterAsync).WithName("RegisterWebhook").WithMetadata(OneTimeSecretResponseMetadata.Instance)
            .WithSummary("Registers an https endpoint for event types; the signing secret (whsec_…) is in this answer only.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook");
        group.MapPost("/{id:guid}/pause", (HttpContext c, IMediator m, Guid id, CancellationToken ct) => StateAsync(c, m, id, pause: true, ct)).WithName("PauseWebhook");
        group.MapPost("/{id:guid}/resume", (HttpContext c, IMediator m, Guid id, CancellationToken ct) => StateAsync(c, m, id, pause: false, ct)).WithName("ResumeWebhook");
        group.MapPost("/{id:guid}/rotatesecret", RotateAsync).WithName("RotateWebhookSecret").WithMetadata(OneTimeSecretResponseMetadata.Instance)
            .WithSummary("A new signing secret, in this answer only; the old one stays valid (both sign) for 24 hours.");
        group.MapGet("/{id:guid}/attempts", AttemptsAsync).WithName("ListWebhookAttempts").WithSummary("The endpoint's attempts, newest first (keyset pages).");
        group.MapGet("/{id:guid}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("The endpoint's deliveries, newest first (keyset pages).");
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", ReplayOneAsync).WithName("ReplayWebhookDelivery")
            .WithSummary("Sends one delivery again, with the same webhook-id.");
        group.MapPost("/{id:guid}/replay", ReplaySinceAsync).WithName("ReplayWebhookDeliveries")
            .WithSummary("Sends every delivery made since a time again.");
        return app;
    }

    private static Guid? TenantOf(HttpContext context) => context.GetTenant()?.Id;

    private static async Task<IResult> ListAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        TenantOf(context) is not { } tenant
            ? Results.NotFound()
            : Results.Ok(ContinuationTokens.Collection((await mediator.Send(new ListWebhooksQuery(tenant), cancellationToken)).Select(ToResource).ToList(), "/v1/webhooks", ManageWebhooks.MaxEndpointsPerTenant, null));

    private static IResult EventTypes() => Results.Ok(WebhookEventTypesResource.Instance);

    private static async Task<IResult> RegisterAsync(HttpContext context, RegisterWebhookRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        if (TenantOf(context) is not { } tenant)
        {
            return Results.NotFound();
        }

        var user = context.RequestServices.GetService<ICurrentUserAccessor>()?.Current;
        var owner = user?.IsReseller == true ? user.ResellerOrganisationId ?? Guid.Empty : (Guid?)null;
        var registered = await mediator.Send(new RegisterWebhookCommand(tenant, body.Url ?? string.Empty, body.Description, body.EventTypes ?? [], owner), cancellationToken);
        return Results.Created($"/v1/webhooks/{registered.Endpoint.Id}", ToResource(registered));
    }

    private static async Task<IResult> GetAsync(HttpContext context, IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        TenantOf(context) is { } tenant && await mediator.Send(new GetWebhookQuery(tenant, id), cancellationToken) is { } view
            ? Results.Ok(ToResource(view))
            : throw ManageWebhooks.NotFound();

    private static async Task<IResult> DeleteAsync(HttpContext context, IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        if (TenantOf(context) is not { } tenant)
        {
            return Results.NotFound();
        }

        await mediator.Send(new DeleteWebhookCommand(tenant, id), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> StateAsync(HttpContext context, IMediator mediator, Guid id, bool pause, CancellationToken cancellationToken)
    {
        if (TenantOf(context) is not { } tenant)
        {
            return Results.NotFound();
        }

        var view = pause
            ? await mediator.Send(new PauseWebhookCommand(tenant, id), cancellationToken)
            : await mediator.Send(new ResumeWebhookCommand(tenant, id), cancellationToken);
        return Results.Ok(ToResource(view));
    }

    private static async Task<IResult> RotateAsync(HttpContext context, IMediator mediator, Guid id, CancellationToken cancellationToken) =>
        TenantOf(context) is not { } tenant
            ? Results.NotFound()
            : Results.Ok(ToResource(await mediator.Send(new RotateWebhookSecretCommand(tenant, id), cancellationToken)));

    private static Task<IResult> AttemptsAsync(HttpContext context, WebhookLog log, Guid id, string? size, CancellationToken cancellationToken) =>
        LogAsync(context, id, size, "attempts", (tenant, pageSize, token) => log.AttemptsAsync(tenant, id, pageSize, token, lenient: false, cancellationToken), a => new
        {
            id = a.Id,
            deliveryId = a.DeliveryId,
            eventType = a.EventType,
            attemptedAt = a.AttemptedAt,
            statusCode = a.StatusCode,
            succeeded = a.Succeeded,
            durationMs = a.DurationMs,
            response = a.Response,
        });

    private static Task<IResult> DeliveriesAsync(HttpContext context, WebhookLog log, Guid id, string? size, CancellationToken cancellationToken) =>
        LogAsync(context, id, size, "deliveries", (tenant, pageSize, token) => log.DeliveriesAsync(tenant, id, pageSize, token, lenient: false, cancellationToken), d => new
        {
            id = d.Id,
            webhookId = d.MessageId,
            eventType = d.EventType,
            createdAt = d.CreatedAt,
            status = d.Status,
            attemptCount = d.AttemptCount,
            lastAttemptAt = d.LastAttemptAt,
            lastStatusCode = d.LastStatusCode,
            nextAttemptAt = d.NextAttemptAt,
        });

    /// <summary>One list of the delivery log as a Partner Center collection (<see cref="WebhookLog"/> pages it).</summary>
    private static async Task<IResult> LogAsync<T>(
        HttpContext context, Guid id, string? size, string list, Func<Guid, int, string?, Task<WebhookLogPage<T>>> read, Func<T, object> toResource)
    {
        if (TenantOf(context) is not { } tenant)
        {
            return Results.NotFound();
        }

        var pageSize = ContinuationTokens.ReadSize(size);
        var page = await read(tenant, pageSize, ContinuationTokens.Read(context.Request));
        return Results.Ok(ContinuationTokens.Collection(page.Items.Select(toResource).ToList(), $"/v1/webhooks/{id}/{list}", pageSize, page.NextToken));
    }

    private static async Task<IResult> ReplayOneAsync(HttpContext context, IMediator mediator, Guid id, Guid deliveryId, CancellationToken cancellationToken)
    {
        if (TenantOf(context) is not { } tenant)
        {
            return Results.NotFound();
        }

        var count = await mediator.Send(new ReplayWebhookDeliveryCommand(tenant, id, deliveryId), cancellationToken);
        return Results.Accepted(value: new { replayed = count });
    }

    private static async Task<IResult> ReplaySinceAsync(HttpContext context, IMediator mediator, Guid id, ReplayWebhooksRequest body, CancellationToken cancellationToken)
    {
        if (TenantOf(context) is not { } tenant)
        {
            return Results.NotFound();
        }

        if (body.Since is not { } since)
        {
            throw new RequestValidationException([new ValidationFailure("since", "required", "since is required.")]);
        }

        var count = await mediator.Send(new ReplayWebhookDeliveriesSinceCommand(tenant, id, since), cancellationToken);
        return Results.Accepted(value: new { replayed = count });
    }

    private static object ToResource(WebhookView v) => new
    {
        id = v.Id,
        url = v.Url,
        description = v.Description,
        eventTypes = v.EventTypes,
        status = v.Status,
        ownerResellerOrganisationId = v.OwnerResellerOrganisationId,
        createdAt = v.CreatedAt,
        failingSince = v.FailingSince,
        disabledAt = v.DisabledAt,
        previousSecretExpiresAt = v.PreviousSecretExpiresAt,
        attributes = new { objectType = "WebhookEndpoint" },
    };

    private static object ToResource(WebhookWithSecret w) => new
    {
        id = w.Endpoint.Id,
        url = w.Endpoint.Url,
        description = w.Endpoint.Description,
        eventTypes = w.Endpoint.EventTypes,
        status = w.Endpoint.Status,
        ownerResellerOrganisationId = w.Endpoint.OwnerResellerOrganisationId,
        createdAt = w.Endpoint.CreatedAt,
        previousSecretExpiresAt = w.Endpoint.PreviousSecretExpiresAt,
        secret = w.Secret,
        attributes = new { objectType = "WebhookEndpoint" },
    };
}
