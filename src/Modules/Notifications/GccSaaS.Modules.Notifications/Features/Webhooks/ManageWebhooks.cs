using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>An endpoint as the API and the portal show it (never its secret).</summary>
internal sealed record WebhookView(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    string Status,
    Guid? OwnerResellerOrganisationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? PreviousSecretExpiresAt)
{
    public static WebhookView From(WebhookEndpoint e) => new(
        e.Id, e.Url, e.Description, e.EventTypes, e.Status, e.OwnerResellerOrganisationId, e.CreatedAt, e.FailingSince, e.DisabledAt, e.PreviousSecretExpiresAt);
}

/// <summary>An endpoint with its signing secret: in the answer to registration and rotation only, never again.</summary>
internal sealed record WebhookWithSecret(WebhookView Endpoint, string Secret);

/// <summary>
/// Registers an endpoint for event types (issue 17). <paramref name="OwnerResellerOrganisationId"/> names the reseller
/// organisation of a reseller user's endpoint: it may choose only events about customers, and receives only those about
/// its own customers. The secret is made by the handler and only returned.
/// </summary>
internal sealed record RegisterWebhookCommand(Guid TenantId, string Url, string? Description, IReadOnlyList<string> EventTypes, Guid? OwnerResellerOrganisationId)
    : IRequest<WebhookWithSecret>;

internal sealed record PauseWebhookCommand(Guid TenantId, Guid EndpointId) : IRequest<WebhookView>;

/// <summary>Resumes a paused or disabled endpoint: its waiting deliveries go out with the next sweep.</summary>
internal sealed record ResumeWebhookCommand(Guid TenantId, Guid EndpointId) : IRequest<WebhookView>;

internal sealed record DeleteWebhookCommand(Guid TenantId, Guid EndpointId) : IRequest<Unit>;

/// <summary>A new secret; the old one stays valid (deliveries are signed with both) for 24 hours.</summary>
internal sealed record RotateWebhookSecretCommand(Guid TenantId, Guid EndpointId) : IRequest<WebhookWithSecret>;

/// <summary>Sends one delivery again (same <c>webhook-id</c>, so receivers can deduplicate); answers 1.</summary>
internal sealed record ReplayWebhookDeliveryCommand(Guid TenantId, Guid EndpointId, Guid DeliveryId) : IRequest<int>;

/// <summary>Sends every delivery of the endpoint made since <paramref name="Since"/> again; answers how many.</summary>
internal sealed record ReplayWebhookDeliveriesSinceCommand(Guid TenantId, Guid EndpointId, DateTimeOffset Since) : IRequest<int>;

internal sealed record ListWebhooksQuery(Guid TenantId) : IRequest<IReadOnlyList<WebhookView>>;

internal sealed record GetWebhookQuery(Guid TenantId, Guid EndpointId) : IRequest<WebhookView?>;

/// <summary>One attempt of the delivery log.</summary>
internal sealed record WebhookAttemptView(Guid Id, Guid DeliveryId, string EventType, DateTimeOffset AttemptedAt, int? StatusCode, bool Succeeded, int DurationMs, string? Response);

/// <summary>One delivery (its latest state) of the delivery log.</summary>
internal sealed record WebhookDeliveryView(Guid Id, string EventType, DateTimeOffset CreatedAt, string Status, int AttemptCount, DateTimeOffset? LastAttemptAt, int? LastStatusCode, DateTimeOffset? NextAttemptAt)
{
    public string MessageId => WebhookDeliveryRunner.MessageId(Id);
}

/// <summary>The endpoint's attempts, newest first, a keyset page of <paramref name="Size"/> after <paramref name="After"/>.</summary>
internal sealed record GetWebhookAttemptsQuery(Guid TenantId, Guid EndpointId, int Size, PageCursor? After) : IRequest<WebhookPage<WebhookAttemptView>>;

/// <summary>The endpoint's deliveries, newest first, a keyset page.</summary>
internal sealed record GetWebhookDeliveriesQuery(Guid TenantId, Guid EndpointId, int Size, PageCursor? After) : IRequest<WebhookPage<WebhookDeliveryView>>;

/// <summary>
/// Which endpoints the caller reaches: a reseller user only its own organisation's (another's are not found), a provider
/// user (or the system) all of the tenant's.
/// </summary>
internal sealed class WebhookScope(ICurrentUserAccessor users)
{
    public bool IsReseller => users.Current?.IsReseller == true;

    public Guid? ResellerLimit => IsReseller ? users.Current?.ResellerOrganisationId ?? Guid.Empty : null;

    public string ActorName => users.Current?.DisplayName ?? "system";

    public IQueryable<WebhookEndpoint> Endpoints(NotificationsDbContext db, Guid tenantId)
    {
        var limit = ResellerLimit;
        var query = db.Set<WebhookEndpoint>().Where(e => e.TenantId == tenantId);
        return limit is { } reseller ? query.Where(e => e.OwnerResellerOrganisationId == reseller) : query;
    }

    public async Task<WebhookEndpoint> RequireAsync(NotificationsDbContext db, Guid tenantId, Guid endpointId, CancellationToken cancellationToken) =>
        await Endpoints(db, tenantId).FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken) ?? throw ManageWebhooks.NotFound();
}

internal static class ManageWebhooks
{
    /// <summary>A tenant holds at most this many endpoints (each event is fanned out to them in one transaction).</summary>
    public const int MaxEndpointsPerTenant = 20;

    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public static DomainRuleException NotFound() => new(NotificationsErrorCodes.WebhookNotFound, "There is no such webhook endpoint.", DomainErrorKind.NotFound);

    public static void EnsureTenant(ITenantContextAccessor tenants, Guid tenantId)
    {
        if (tenants.RequireTenant().Id != tenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }
    }
}

internal sealed class RegisterWebhookHandler(
    NotificationsDbContext db, ITenantContextAccessor tenants, WebhookScope scope, WebhookAddressGuard guard, WebhookSigning signing, TimeProvider clock)
    : IRequestHandler<RegisterWebhookCommand, WebhookWithSecret>
{
    public async Task<WebhookWithSecret> Handle(RegisterWebhookCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ManageWebhooks.EnsureTenant(tenants, request.TenantId);
        var owner = request.OwnerResellerOrganisationId;
        if (scope.ResellerLimit is { } limit && (owner != limit || limit == Guid.Empty))
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookEventsNotAllowed, "Reseller users subscribe to events about their own customers only.", DomainErrorKind.Forbidden);
        }

        var types = (request.EventTypes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0 || types.Any(t => WebhookEventTypes.Find(t) is null))
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookEventTypesInvalid, "Choose at least one of the documented event types.", DomainErrorKind.RuleViolated);
        }

        if (owner is not null && types.Any(t => WebhookEventTypes.Find(t) is { AboutCustomers: false }))
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookEventsNotAllowed, "Reseller users subscribe to events about their own customers only.", DomainErrorKind.Forbidden);
        }

        if (request.Description is { Length: > WebhookEndpointConfiguration.DescriptionLength })
        {
            throw new RequestValidationException([new ValidationFailure("description", "too_long", $"description is at most {WebhookEndpointConfiguration.DescriptionLength} characters.")]);
        }

        var url = await guard.CheckAsync(request.Url, cancellationToken);
        if (await db.Set<WebhookEndpoint>().CountAsync(e => e.TenantId == request.TenantId, cancellationToken) >= ManageWebhooks.MaxEndpointsPerTenant)
        {
            throw new DomainRuleException(NotificationsErrorCodes.WebhookLimitReached, $"A tenant has at most {ManageWebhooks.MaxEndpointsPerTenant} webhook endpoints.", DomainErrorKind.Conflict);
        }

        var secret = WebhookSigning.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            TenantId = request.TenantId,
            Id = Guid.CreateVersion7(),
            Url = url.AbsoluteUri,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            EventTypes = [.. types],
            OwnerResellerOrganisationId = owner,
            ProtectedSecret = signing.Protect(secret),
            Status = WebhookEndpointStatuses.Active,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = scope.ActorName,
        };
        db.Set<WebhookEndpoint>().Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookWithSecret(WebhookView.From(endpoint), secret);
    }
}

internal sealed class PauseWebhookHandler(NotificationsDbContext db, ITenantContextAccessor tenants, WebhookScope scope)
    : IRequestHandler<PauseWebhookCommand, WebhookView>
{
    public async Task<WebhookView> Handle(PauseWebhookCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ManageWebhooks.EnsureTenant(tenants, request.TenantId);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        if (endpoint.Status == WebhookEndpointStatuses.Active)
        {
            endpoint.Status = WebhookEndpointStatuses.Paused;
            await db.SaveChangesAsync(cancellationToken);
        }

        return WebhookView.From(endpoint);
    }
}

internal sealed class ResumeWebhookHandler(NotificationsDbContext db, ITenantContextAccessor tenants, WebhookScope scope, TimeProvider clock)
    : IRequestHandler<ResumeWebhookCommand, WebhookView>
{
    public async Task<WebhookView> Handle(ResumeWebhookCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ManageWebhooks.EnsureTenant(tenants, request.TenantId);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        if (endpoint.Status != WebhookEndpointStatuses.Active)
        {
            endpoint.Status = WebhookEndpointStatuses.Active;
            endpoint.FailingSince = null;
            endpoint.DisabledAt = null;
            var now = clock.GetUtcNow();
            // What waited while the endpoint was off goes out with the next sweep, not after its old back-off.
            await db.Set<WebhookDelivery>()
                .Where(d => d.TenantId == request.TenantId && d.EndpointId == endpoint.Id && d.Status == WebhookDeliveryStatuses.Pending && d.NextAttemptAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return WebhookView.From(endpoint);
    }
}

internal sealed class DeleteWebhookHandler(NotificationsDbContext db, ITenantContextAccessor tenants, WebhookScope scope)
    : IRequestHandler<DeleteWebhookCommand, Unit>
{
    public async Task<Unit> Handle(DeleteWebhookCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ManageWebhooks.EnsureTenant(tenants, request.TenantId);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        db.Set<WebhookEndpoint>().Remove(endpoint); // its deliveries and attempts go with it (ON DELETE CASCADE)
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal sealed class RotateWebhookSecretHandler(NotificationsDbContext db, ITenantContextAccessor tenants, WebhookScope scope, WebhookSigning signing, TimeProvider clock)
    : IRequestHandler<RotateWebhookSecretCommand, WebhookWithSecret>
{
    public async Task<WebhookWithSecret> Handle(RotateWebhookSecretCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ManageWebhooks.EnsureTenant(tenants, request.TenantId);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        var secret = WebhookSigning.NewSecret();
        endpoint.ProtectedPreviousSecret = endpoint.ProtectedSecret;
        endpoint.PreviousSecretExpiresAt = clock.GetUtcNow() + ManageWebhooks.RotationOverlap;
        endpoint.ProtectedSecret = signing.Protect(secret);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookWithSecret(WebhookView.From(endpoint), secret);
    }
}

internal sealed class ReplayWebhookDeliveryHandler(NotificationsDbContext db, ITenantContextAccessor tenants, WebhookScope scope, TimeProvider clock)
    : IRequestHandler<ReplayWebhookDeliveryCommand, int>
{
    public async Task<int> Handle(ReplayWebhookDeliveryCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ManageWebhooks.EnsureTenant(tenants, request.TenantId);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        var now = clock.GetUtcNow();
        var replayed = await db.Set<WebhookDelivery>()
            .Where(d => d.TenantId == request.TenantId && d.EndpointId == endpoint.Id && d.Id == request.DeliveryId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookDeliveryStatuses.Pending).SetProperty(d => d.AttemptCount, 0).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        return replayed == 0
            ? throw new DomainRuleException(NotificationsErrorCodes.WebhookDeliveryNotFound, "The endpoint has no such delivery.", DomainErrorKind.RuleViolated)
            : replayed;
    }
}

internal sealed class ReplayWebhookDeliveriesSinceHandler(NotificationsDbContext db, ITenantContextAccessor tenants, WebhookScope scope, TimeProvider clock)
    : IRequestHandler<ReplayWebhookDeliveriesSinceCommand, int>
{
    public async Task<int> Handle(ReplayWebhookDeliveriesSinceCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ManageWebhooks.EnsureTenant(tenants, request.TenantId);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        var now = clock.GetUtcNow();
        return await db.Set<WebhookDelivery>()
            .Where(d => d.TenantId == request.TenantId && d.EndpointId == endpoint.Id && d.CreatedAt >= request.Since)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, WebhookDeliveryStatuses.Pending).SetProperty(d => d.AttemptCount, 0).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
    }
}

internal sealed class ListWebhooksHandler(NotificationsDbContext db, WebhookScope scope) : IRequestHandler<ListWebhooksQuery, IReadOnlyList<WebhookView>>
{
    public async Task<IReadOnlyList<WebhookView>> Handle(ListWebhooksQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoints = await scope.Endpoints(db, request.TenantId).AsNoTracking()
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Take(ManageWebhooks.MaxEndpointsPerTenant)
            .ToListAsync(cancellationToken);
        return [.. endpoints.Select(WebhookView.From)];
    }
}

internal sealed class GetWebhookHandler(NotificationsDbContext db, WebhookScope scope) : IRequestHandler<GetWebhookQuery, WebhookView?>
{
    public async Task<WebhookView?> Handle(GetWebhookQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await scope.Endpoints(db, request.TenantId).AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.EndpointId, cancellationToken);
        return endpoint is null ? null : WebhookView.From(endpoint);
    }
}

internal sealed class GetWebhookAttemptsHandler(NotificationsDbContext db, WebhookScope scope)
    : IRequestHandler<GetWebhookAttemptsQuery, WebhookPage<WebhookAttemptView>>
{
    public async Task<WebhookPage<WebhookAttemptView>> Handle(GetWebhookAttemptsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        var query = db.Set<WebhookAttempt>().AsNoTracking().Where(a => a.TenantId == request.TenantId && a.EndpointId == endpoint.Id);
        if (request.After is { } after)
        {
            // Row-value keyset: (attempted_at, id) < (after.At, after.Id), newest first.
            query = query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.AttemptedAt, a.Id), ValueTuple.Create(after.At, after.Id)));
        }

        return await WebhookPage<WebhookAttemptView>.ReadAsync(
            query.OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id)
                .Select(a => new WebhookAttemptView(a.Id, a.DeliveryId, a.EventType, a.AttemptedAt, a.StatusCode, a.Succeeded, a.DurationMs, a.Response)),
            request.Size, a => new PageCursor(a.AttemptedAt, a.Id), cancellationToken);
    }
}

internal sealed class GetWebhookDeliveriesHandler(NotificationsDbContext db, WebhookScope scope)
    : IRequestHandler<GetWebhookDeliveriesQuery, WebhookPage<WebhookDeliveryView>>
{
    public async Task<WebhookPage<WebhookDeliveryView>> Handle(GetWebhookDeliveriesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await scope.RequireAsync(db, request.TenantId, request.EndpointId, cancellationToken);
        var query = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.TenantId == request.TenantId && d.EndpointId == endpoint.Id);
        if (request.After is { } after)
        {
            query = query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.CreatedAt, d.Id), ValueTuple.Create(after.At, after.Id)));
        }

        return await WebhookPage<WebhookDeliveryView>.ReadAsync(
            query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
                .Select(d => new WebhookDeliveryView(d.Id, d.EventType, d.CreatedAt, d.Status, d.AttemptCount, d.LastAttemptAt, d.LastStatusCode,
                    d.Status == WebhookDeliveryStatuses.Pending ? d.NextAttemptAt : null)),
            request.Size, d => new PageCursor(d.CreatedAt, d.Id), cancellationToken);
    }
}
