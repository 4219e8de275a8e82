using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Notifications.Data;
using GccSaaS.Modules.Notifications.Features.Webhooks;
using GccSaaS.Modules.Ordering.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Validation.Contracts;

namespace GccSaaS.Modules.Notifications.Integrations;

// One handler per fact of another module (issue 17): each writes its deliveries and its inbox row in one transaction,
// so a redelivered outbox message adds nothing (and the unique (endpoint, source message) index holds even if it did).
// Payloads carry ids and the facts that changed, never names of people, addresses or secrets.

internal sealed class PartnershipInvitedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<PartnershipInvitedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(PartnershipInvitedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.PartnershipInvited, null,
            new PartnershipInvitedData(notification.InvitationId, notification.InvitedAt, notification.ExpiresAt),
            notification.InvitedAt, cancellationToken);
}

/// <summary>
/// partnership.expired. Issue 19: the expiry sweep announces one per expired invitation, so it has a batch path: the
/// tenant's endpoints are looked up once per claimed batch, and each message gets the same deliveries (in outbox order)
/// as on the per-message path.
/// </summary>
internal sealed class PartnershipExpiredWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentBatchNotificationHandler<PartnershipInvitationExpiredNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(PartnershipInvitationExpiredNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.PartnershipExpired, null,
            new PartnershipExpiredData(notification.InvitationId, notification.ExpiredAt),
            notification.ExpiredAt, cancellationToken);

    protected override Task HandleBatchOnceAsync(IReadOnlyList<OutboxBatchItem<PartnershipInvitationExpiredNotification>> messages, CancellationToken cancellationToken) =>
        fanOut.AddManyAsync(tenants.RequireTenant().Id, WebhookEventTypes.PartnershipExpired, null,
            [.. messages.Select(m => (m.MessageId, new PartnershipExpiredData(m.Notification.InvitationId, m.Notification.ExpiredAt), m.Notification.ExpiredAt))],
            cancellationToken);
}

internal sealed class PartnershipAcceptedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<PartnershipEstablishedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(PartnershipEstablishedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.PartnershipAccepted, null,
            new PartnershipEventData(notification.PartnershipId, notification.ResellerOrganisationId, notification.EstablishedAt, null),
            notification.EstablishedAt, cancellationToken);
}

internal sealed class PartnershipRemovedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<PartnershipRemovedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(PartnershipRemovedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.PartnershipRemoved, null,
            new PartnershipEventData(notification.PartnershipId, notification.ResellerOrganisationId, notification.RemovedAt, notification.AttestationVersion),
            notification.RemovedAt, cancellationToken);
}

/// <summary>customer.created: a reseller's endpoint hears it when the customer was added with that reseller.</summary>
internal sealed class CustomerCreatedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<CustomerCreatedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(CustomerCreatedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.CustomerCreated, notification.ResellerOrganisationId,
            new CustomerCreatedData(notification.CustomerId, notification.Domain, notification.ResellerOrganisationId, notification.GccQualified, notification.CreatedAt),
            notification.CreatedAt, cancellationToken);
}

/// <summary>customer.reseller_associated: a reseller's endpoint hears it only when the customer is now its own (never the reseller it left).</summary>
internal sealed class CustomerResellerAssociatedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<CustomerResellerAssociatedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(CustomerResellerAssociatedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.CustomerResellerAssociated, notification.ResellerOrganisationId,
            new CustomerResellerAssociatedData(notification.CustomerId, notification.ResellerOrganisationId, notification.AssociatedAt),
            notification.AssociatedAt, cancellationToken);
}

internal sealed class RelationshipRequestAcceptedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<CustomerRelationshipAcceptedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(CustomerRelationshipAcceptedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.RelationshipRequestAccepted, notification.ResellerOrganisationId,
            new RelationshipRequestAcceptedData(notification.InvitationId, notification.CustomerTenantId, notification.ResellerOrganisationId, notification.AcceptedAt),
            notification.AcceptedAt, cancellationToken);
}

internal sealed class ValidationSubmittedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<GccValidationSubmittedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(GccValidationSubmittedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.ValidationSubmitted, null,
            new ValidationSubmittedData(notification.CaseId, ValidationSubjects.Of(notification.Subject), notification.CustomerTenantId, notification.CustomerDomain,
                notification.PartnerOrganisationId, notification.SubmittedAt, notification.DueAt),
            notification.SubmittedAt, cancellationToken);
}

internal sealed class ValidationInformationRequestedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<GccValidationInformationRequestedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(GccValidationInformationRequestedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.ValidationInformationRequested, null,
            new ValidationInformationRequestedData(notification.CaseId, ValidationSubjects.Of(notification.Subject), notification.CustomerTenantId, notification.CustomerDomain,
                notification.PartnerOrganisationId, notification.RequestedAt),
            notification.RequestedAt, cancellationToken);
}

/// <summary>The <c>subject</c> of the gcc_validation.* payloads.</summary>
internal static class ValidationSubjects
{
    public const string Customer = "customer";
    public const string Partner = "partner";

    public static string Of(GccValidationSubject subject) => subject == GccValidationSubject.Customer ? Customer : Partner;
}

internal sealed class CustomerValidationDecidedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<CustomerGccValidationDecidedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(CustomerGccValidationDecidedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(),
            notification.Approved ? WebhookEventTypes.ValidationApproved : WebhookEventTypes.ValidationDenied, null,
            new ValidationDecidedData(notification.CaseId, ValidationSubjects.Customer, notification.CustomerTenantId, notification.CustomerDomain, null,
                notification.Approved, notification.Reason, notification.DecidedAt),
            notification.DecidedAt, cancellationToken);
}

internal sealed class PartnerValidationApprovedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<PartnerGccValidationApprovedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(PartnerGccValidationApprovedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.ValidationApproved, null,
            new ValidationDecidedData(notification.CaseId, ValidationSubjects.Partner, null, null, notification.PartnerOrganisationId, true, null, notification.ApprovedAt),
            notification.ApprovedAt, cancellationToken);
}

internal sealed class OrderPlacedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<OrderPlacedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(OrderPlacedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.OrderPlaced, notification.ResellerOrganisationId,
            new OrderPlacedData(notification.OrderId, notification.CustomerId, notification.ResellerOrganisationId, notification.ResellerPartnerId,
                notification.SubscriptionIds, notification.PlacedAt),
            notification.PlacedAt, cancellationToken);
}

internal sealed class SubscriptionChangedWebhook(NotificationsDbContext db, WebhookFanOut fanOut, ITenantContextAccessor tenants)
    : IdempotentNotificationHandler<SubscriptionChangedNotification, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(SubscriptionChangedNotification notification, CancellationToken cancellationToken) =>
        fanOut.AddAsync(tenants.RequireTenant().Id, MessageContext.CurrentMessageId ?? Guid.NewGuid(), WebhookEventTypes.SubscriptionChanged, notification.ResellerOrganisationId,
            new SubscriptionChangedData(
                notification.SubscriptionId,
                notification.CustomerId,
                [.. notification.Changes.Select(c => new SubscriptionFieldChange(c.Field, c.From, c.To))],
                notification.Quantity,
                notification.AutoRenewEnabled,
                notification.Status,
                notification.ResellerOrganisationId,
                notification.ResellerPartnerId,
                notification.SupportContactKind,
                notification.SupportContactOrganisationId,
                notification.Version,
                notification.ChangedAt),
            notification.ChangedAt, cancellationToken);
}
