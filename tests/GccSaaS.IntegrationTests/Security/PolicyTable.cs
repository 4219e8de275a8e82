using System.Text.Json.Nodes;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// THE policy table of the generated tests: for every route whose template has a parameter (API and portal), which
/// caller kinds may act, whether reseller scoping applies, what kind of object the parameter names, and the probe
/// a write of the authorisation matrix sends (chosen to be refused by a rule, or to change nothing). A route with a
/// parameter that is missing here fails <see cref="AuthorizationMatrixTests"/>, naming it; adding a route means
/// adding its line here, by design.
/// </summary>
public static class PolicyTable
{
    public static readonly Caller[] Provider = [Caller.GlobalAdmin, Caller.AdminAgent, Caller.SalesAgent];
    public static readonly Caller[] Resellers = [Caller.AdatumAdmin, Caller.AdatumAgent, Caller.ProsewareAdmin, Caller.ProsewareAgent];
    public static readonly Caller[] TenantMembers = [.. Provider, .. Resellers];
    public static readonly Caller[] GlobalAdminOnly = [Caller.GlobalAdmin];
    public static readonly Caller[] PlatformAdminOnly = [Caller.PlatformAdmin];
    public static readonly Caller[] ReviewerOnly = [Caller.ValidationReviewer];
    public static readonly Caller[] WebhookManagers = [Caller.GlobalAdmin, Caller.AdatumAdmin, Caller.ProsewareAdmin];

    /// <summary>Who manages API keys (issue 18): the Global admin, and reseller admins for their own organisation.</summary>
    public static readonly Caller[] KeyManagers = [Caller.GlobalAdmin, Caller.AdatumAdmin, Caller.ProsewareAdmin];

    /// <summary>Keyed by <c>METHOD pattern</c> (API, as the endpoint data source spells it) or <c>PAGE template</c> and <c>PAGE template POST:Handler</c>.</summary>
    public static readonly IReadOnlyDictionary<string, RoutePolicy> Routes = new Dictionary<string, RoutePolicy>(StringComparer.OrdinalIgnoreCase)
    {
        // ---- /v1 (tenant keys carry provider roles, or, made by a reseller admin, a reseller role scoped to its organisation
        // (issue 18); customer administrators have no key)
        ["GET /v1/customers/{id:guid}"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["PATCH /v1/customers/{id:guid}"] = new(ObjectKind.Customer, Provider, ResellerScoped: true, Probe: _ => new JsonObject { ["associatedPartnerId"] = Guid.NewGuid().ToString() }),
        ["PATCH /v1/customers/{id:guid}/users/{userId:guid}"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true, Probe: _ => new JsonObject { ["passwordProfile"] = new JsonObject { ["password"] = "probe-password-1", ["forceChangePassword"] = true } }),
        ["GET /v1/customers/{id:guid}/qualifications"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["POST /v1/customers/{id:guid}/qualifications"] = new(ObjectKind.Customer, Provider, ResellerScoped: true, Probe: o => new JsonObject { ["qualification"] = "GovernmentCommunityCloud", ["validationCode"] = o.ValidationCode }),
        ["GET /v1/customers/{id:guid}/agreements"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["POST /v1/customers/{id:guid}/agreements"] = new(ObjectKind.Customer, Provider, ResellerScoped: true, Probe: _ => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(SecurityFixture.AgreementBody()))),
        // Ordering: carts of the demo customers are cancelled already, so every write below is refused by a rule (409
        // cart_not_active, 400 for an unknown offer) and cancelling again changes nothing.
        ["POST /v1/customers/{id:guid}/carts"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true, Probe: _ => UnknownOfferCart()),
        ["GET /v1/customers/{id:guid}/carts/{cartId:guid}"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true),
        ["PUT /v1/customers/{id:guid}/carts/{cartId:guid}"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true, Probe: _ => UnknownOfferCart()),
        ["DELETE /v1/customers/{id:guid}/carts/{cartId:guid}"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true),
        ["GET /v1/customers/{id:guid}/carts/{cartId:guid}/checkout/preview"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true),
        ["POST /v1/customers/{id:guid}/carts/{cartId:guid}/checkout"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true),
        ["GET /v1/customers/{id:guid}/orders"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["GET /v1/customers/{id:guid}/subscriptions"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["DELETE /v1/relationships/{id:guid}"] = new(ObjectKind.ResellerRelationship, GlobalAdminOnly), // without attested=true: refused
        // Subscriptions after purchase: a PATCH without If-Match is refused (428), a support contact that does not verify (400 on /v1).
        ["GET /v1/customers/{id:guid}/subscriptions/{subId:guid}"] = new(ObjectKind.Subscription, TenantMembers, ResellerScoped: true),
        ["PATCH /v1/customers/{id:guid}/subscriptions/{subId:guid}"] = new(ObjectKind.Subscription, TenantMembers, ResellerScoped: true, Probe: _ => new JsonObject { ["quantity"] = 6 }),
        ["GET /v1/customers/{id:guid}/subscriptions/{subId:guid}/supportcontact"] = new(ObjectKind.Subscription, TenantMembers, ResellerScoped: true),
        ["PUT /v1/customers/{id:guid}/subscriptions/{subId:guid}/supportcontact"] = new(ObjectKind.Subscription, Provider, ResellerScoped: true, Probe: _ => new JsonObject { ["supportMpnId"] = "9999999" }),
        ["GET /v1/customers/{id:guid}/directsubscriptions"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["GET /v1/platform/offers/{offerId}"] = RoutePolicy.NotAnObject("a catalogue offer id: the catalogue is the same for every tenant and readable by every signed-in user; only platform admins reach /v1/platform (CatalogueAdminTests)"),
        ["POST /v1/platform/offers/{offerId}/retire"] = RoutePolicy.NotAnObject("a catalogue offer id, no tenant's object; who may retire is proven in CatalogueAdminTests"),
        ["POST /v1/invitations/{id:guid}/resend"] = new(ObjectKind.Invitation, TenantMembers, ResellerScoped: true),
        ["POST /v1/invitations/{id:guid}/revoke"] = new(ObjectKind.Invitation, TenantMembers, ResellerScoped: true),
        ["GET /v1/validationcases/{id:guid}"] = new(ObjectKind.TenantCase, TenantMembers, ResellerScoped: true),
        ["POST /v1/validationcases/{id:guid}/answer"] = new(ObjectKind.TenantCase, TenantMembers, ResellerScoped: true, Probe: _ => new JsonObject { ["answer"] = "probe" }),
        ["GET /v1/platform/validationcases/{id:guid}"] = new(ObjectKind.DeskCase, ReviewerOnly),
        ["POST /v1/platform/validationcases/{id:guid}/startreview"] = new(ObjectKind.DeskCase, ReviewerOnly, Probe: StaleVersion),
        ["POST /v1/platform/validationcases/{id:guid}/requestinformation"] = new(ObjectKind.DeskCase, ReviewerOnly, Probe: StaleVersion),
        ["POST /v1/platform/validationcases/{id:guid}/approve"] = new(ObjectKind.DeskCase, ReviewerOnly, Probe: StaleVersion),
        ["POST /v1/platform/validationcases/{id:guid}/deny"] = new(ObjectKind.DeskCase, ReviewerOnly, Probe: StaleVersion),
        ["GET /v1/platform/partners/{id:guid}"] = new(ObjectKind.PartnerOrganisation, PlatformAdminOnly),
        ["PATCH /v1/platform/partners/{id:guid}"] = new(ObjectKind.PartnerOrganisation, PlatformAdminOnly, Probe: _ => new JsonObject()),
        ["POST /v1/platform/listingrequests/{id:guid}/approve"] = new(ObjectKind.ListingRequest, PlatformAdminOnly), // decided already: refused
        ["POST /v1/platform/listingrequests/{id:guid}/decline"] = new(ObjectKind.ListingRequest, PlatformAdminOnly, Probe: _ => new JsonObject { ["reason"] = "probe" }),
        ["GET /v1/users/{userId:guid}"] = new(ObjectKind.User, GlobalAdminOnly),
        ["POST /v1/notifications/{id:guid}/read"] = new(ObjectKind.Notification, TenantMembers),
        // Webhooks (issue 17): the provider's Global admin; a reseller admin reaches its own organisation's endpoints only.
        // Pausing, resuming and rotating change nothing a later request depends on; a replay since 2100 sends nothing; a
        // delivery id that is not the endpoint's is refused by a rule (422); deleting takes an endpoint of its own.
        ["GET /v1/webhooks/{id:guid}"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["GET /v1/webhooks/{id:guid}/attempts"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["GET /v1/webhooks/{id:guid}/deliveries"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["POST /v1/webhooks/{id:guid}/pause"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["POST /v1/webhooks/{id:guid}/resume"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["POST /v1/webhooks/{id:guid}/rotatesecret"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["POST /v1/webhooks/{id:guid}/replay"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true, Probe: _ => new JsonObject { ["since"] = "2100-01-01T00:00:00Z" }),
        ["POST /v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/replay"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["DELETE /v1/webhooks/{id:guid}"] = new(ObjectKind.WebhookToDelete, WebhookManagers, ResellerScoped: true), // resellers have no endpoint to delete in the matrix
        ["HEAD /v1/domains/{domain}"] = RoutePolicy.NotAnObject("a domain name: saying whether it is taken is the route's purpose (R-PC-5)"),

        // ---- portal pages and endpoints: {tenant} is the object of every workspace page
        ["PAGE /{tenant}"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/audit"] = new(ObjectKind.Tenant, GlobalAdminOnly),
        ["PAGE /{tenant}/audit/export.csv"] = new(ObjectKind.Tenant, GlobalAdminOnly),
        ["PAGE /{tenant}/notifications"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/webhooks"] = new(ObjectKind.Tenant, WebhookManagers),
        ["PAGE /{tenant}/webhooks/{id:guid}"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true),
        ["PAGE /{tenant}/webhooks/{id:guid} POST:Replay"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true, Form: _ => [("deliveryId", Guid.NewGuid().ToString())]),
        ["PAGE /{tenant}/webhooks/{id:guid} POST:ReplaySince"] = new(ObjectKind.WebhookEndpoint, WebhookManagers, ResellerScoped: true, Form: _ => [("Since", "2100-01-01T00:00")]),
        ["PAGE /{tenant}/settings/api-keys"] = new(ObjectKind.Tenant, KeyManagers),
        ["PAGE /{tenant}/settings/invitations"] = new(ObjectKind.Tenant, GlobalAdminOnly),
        ["PAGE /{tenant}/users"] = new(ObjectKind.Tenant, GlobalAdminOnly),
        ["PAGE /{tenant}/customers"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/offers"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/subscriptions"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/subscriptions/export.csv"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/customers/export.csv"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/customers/new"] = new(ObjectKind.Tenant, Provider),
        ["PAGE /{tenant}/customers/relationship-request"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/profile"] = new(ObjectKind.Tenant, Provider),
        ["PAGE /{tenant}/resellers"] = new(ObjectKind.Tenant, Provider),
        ["PAGE /{tenant}/resellers/export.csv"] = new(ObjectKind.Tenant, Provider),
        ["PAGE /{tenant}/indirect-providers"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/invitations"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/invitations/export.csv"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/pending-actions"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/validation"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/validation/export.csv"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/validation/customers/new"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/validation/partner"] = new(ObjectKind.Tenant, GlobalAdminOnly),
        ["PAGE /{tenant}/customers/{id:guid}"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid} POST:Reseller"] = new(ObjectKind.Customer, Provider, ResellerScoped: true, Form: _ => [("NewReseller", Guid.NewGuid().ToString())]),
        ["PAGE /{tenant}/customers/{id:guid} POST:Agreement"] = new(ObjectKind.Customer, Provider, ResellerScoped: true, Form: _ => [("Agreement.FirstName", "Dana")]),
        // Issue 13, R-CUS-6: a new one-time password for the customer's administrator (the probe names a password, refused with 400 after the scope check).
        ["PAGE /{tenant}/customers/{id:guid} POST:ResetPassword"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid} POST:Qualification"] = new(ObjectKind.Customer, Provider, ResellerScoped: true, Form: o => [("ValidationCode", o.ValidationCode)]),
        // Ordering pages of a customer (R-ORD-3): every member, a reseller its own customers only. Review names an offer that
        // does not exist (400, no cart); the review's writes name the demo's cancelled carts: Buy is refused (409), Cancel changes nothing.
        ["PAGE /{tenant}/prices"] = new(ObjectKind.Tenant, TenantMembers),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid}/orders"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/new"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/new POST:Review"] = new(ObjectKind.Customer, TenantMembers, ResellerScoped: true, Form: _ =>
            [("Form.CartId", Guid.NewGuid().ToString()), ("Form.Lines[0].OfferId", "NO-SUCH-OFFER"), ("Form.Lines[0].Quantity", "1"), ("Form.Lines[0].Plan", "P1Y:Monthly")]),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/carts/{cartId:guid}"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/carts/{cartId:guid} POST:Buy"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true, Form: _ => [("submissionId", Guid.NewGuid().ToString())]),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/carts/{cartId:guid} POST:Cancel"] = new(ObjectKind.Cart, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/{subId:guid}"] = new(ObjectKind.Subscription, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/{subId:guid} POST:Quantity"] = new(ObjectKind.Subscription, TenantMembers, ResellerScoped: true, Form: _ => [("Version", "999999"), ("Quantity", "6")]),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/{subId:guid} POST:AutoRenew"] = new(ObjectKind.Subscription, TenantMembers, ResellerScoped: true, Form: _ => [("Version", "999999"), ("AutoRenew", "false")]),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/{subId:guid} POST:Cancel"] = new(ObjectKind.Subscription, TenantMembers, ResellerScoped: true, Form: _ => [("Version", "999999"), ("ConfirmCancel", "true")]),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/{subId:guid} POST:Reseller"] = new(ObjectKind.Subscription, Provider, ResellerScoped: true, Form: _ => [("Version", "999999"), ("ResellerPartnerId", "5123400")]),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/{subId:guid} POST:VerifyReseller"] = new(ObjectKind.Subscription, Provider, ResellerScoped: true, Form: _ => [("ResellerPartnerId", "5123400")]),
        ["PAGE /{tenant}/customers/{id:guid}/subscriptions/{subId:guid} POST:SupportContact"] = new(ObjectKind.Subscription, Provider, ResellerScoped: true, Form: _ => [("Version", "999999"), ("SupportMpnId", "5123400")]),
        ["PAGE /{tenant}/resellers/{id:guid}/remove"] = new(ObjectKind.Partnership, GlobalAdminOnly),
        ["PAGE /{tenant}/resellers/{id:guid}/remove POST"] = new(ObjectKind.Partnership, GlobalAdminOnly, Form: _ => [("Attested", "false")]),
        ["PAGE /{tenant}/validation/{id:guid}"] = new(ObjectKind.TenantCase, TenantMembers, ResellerScoped: true),
        ["PAGE /{tenant}/validation/{id:guid} POST:Answer"] = new(ObjectKind.TenantCase, TenantMembers, ResellerScoped: true, Form: _ => [("Answer", "probe")]),
        ["PAGE /platform/review-desk/{id:guid}"] = new(ObjectKind.DeskCase, ReviewerOnly),
        ["PAGE /platform/review-desk/{id:guid} POST:StartReview"] = new(ObjectKind.DeskCase, ReviewerOnly, Form: StaleVersionForm),
        ["PAGE /platform/review-desk/{id:guid} POST:RequestInformation"] = new(ObjectKind.DeskCase, ReviewerOnly, Form: StaleVersionForm),
        ["PAGE /platform/review-desk/{id:guid} POST:Approve"] = new(ObjectKind.DeskCase, ReviewerOnly, Form: StaleVersionForm),
        ["PAGE /platform/review-desk/{id:guid} POST:Deny"] = new(ObjectKind.DeskCase, ReviewerOnly, Form: StaleVersionForm),
        ["PAGE /invitations/partnership/{provider}/{token}"] = RoutePolicy.NotAnObject("a 256-bit one-time token, not an id (ADR 0013); a wrong token is 404"),
        ["PAGE /invitations/customer-relationship/{provider}/{token}"] = RoutePolicy.NotAnObject("a 256-bit one-time token, not an id (ADR 0013)"),
        ["PAGE /invitations/users/{token}"] = RoutePolicy.NotAnObject("a 256-bit one-time token, not an id (ADR 0006)"),
        ["PAGE /error/{code:int?}"] = RoutePolicy.NotAnObject("an HTTP status code of the status pages"),
        ["PAGE /openapi/{documentName}.json"] = RoutePolicy.NotAnObject("the OpenAPI document's name"),
    };

    private static JsonObject UnknownOfferCart() => new()
    {
        ["lineItems"] = new JsonArray(new JsonObject { ["catalogItemId"] = "NO-SUCH-OFFER", ["quantity"] = 1, ["termDuration"] = "P1Y", ["billingCycle"] = "Monthly" }),
    };

    private static JsonObject StaleVersion(DemoObjects objects) => new JsonObject { ["message"] = "probe", ["reason"] = "probe", ["version"] = 999_999 };

    private static IReadOnlyList<(string, string)> StaleVersionForm(DemoObjects objects) => [("Version", "999999"), ("Message", "probe")];

    public static RoutePolicy? Find(string key) => Routes.TryGetValue(key, out var policy) ? policy : null;
}

/// <summary>One line of the policy table.</summary>
public sealed record RoutePolicy(
    ObjectKind Kind,
    IReadOnlyList<Caller> Allowed,
    bool ResellerScoped = false,
    Func<DemoObjects, JsonNode?>? Probe = null,
    Func<DemoObjects, IReadOnlyList<(string Name, string Value)>>? Form = null,
    string? NotAnObjectBecause = null)
{
    public static RoutePolicy NotAnObject(string because) => new(ObjectKind.None, [], NotAnObjectBecause: because);
}

/// <summary>What a route parameter names. Desk cases, listing requests and partner organisations are platform objects (no tenant owns them for a platform role).</summary>
public enum ObjectKind
{
    None,
    Tenant,
    Customer,
    TenantCase,
    DeskCase,
    Partnership,

    /// <summary>A partnered reseller as <c>/v1</c> names it: by its commercial tenant ID (Partner Center's id).</summary>
    ResellerRelationship,
    Invitation,
    User,
    Notification,
    ListingRequest,
    PartnerOrganisation,

    /// <summary>A customer's cart: its routes name the customer (<c>{id}</c>) and the cart (<c>{cartId}</c>).</summary>
    Cart,

    /// <summary>A customer's subscription: its routes name the customer (<c>{id}</c>) and the subscription (<c>{subId}</c>).</summary>
    Subscription,

    /// <summary>A webhook endpoint: the provider's, or a reseller organisation's (issue 17).</summary>
    WebhookEndpoint,

    /// <summary>A webhook endpoint the matrix may delete (its own object, so deleting it changes no other route's answer).</summary>
    WebhookToDelete,
}

/// <summary>Whose object a matrix request names.</summary>
public enum Ownership
{
    Own,
    OtherTenant,
    OtherReseller,
    Random,
}

/// <summary>Which object of <see cref="DemoObjects"/> each (kind, caller, ownership) names; null where the combination does not exist.</summary>
public static class Ownerships
{
    public static bool IsPlatformObject(ObjectKind kind) => kind is ObjectKind.DeskCase or ObjectKind.ListingRequest or ObjectKind.PartnerOrganisation;

    public static bool IsAdatum(Caller caller) => caller is Caller.AdatumAdmin or Caller.AdatumAgent;

    public static bool IsProseware(Caller caller) => caller is Caller.ProsewareAdmin or Caller.ProsewareAgent;

    /// <summary>The id for a route parameter; tenant identifiers come back as strings in <see cref="TenantOf"/>.</summary>
    public static Guid? IdOf(DemoObjects o, ObjectKind kind, Caller caller, Ownership ownership) => (kind, ownership) switch
    {
        (_, Ownership.Random) => Guid.NewGuid(),
        (ObjectKind.Customer, Ownership.Own) => IsProseware(caller) ? o.CustomerProseware : o.CustomerAdatum,
        (ObjectKind.Customer, Ownership.OtherReseller) => IsProseware(caller) ? o.CustomerAdatum : o.CustomerProseware,
        (ObjectKind.Customer, Ownership.OtherTenant) => o.CustomerFabrikam,
        (ObjectKind.TenantCase, Ownership.Own) => IsAdatum(caller) ? o.CaseAdatum : IsProseware(caller) ? o.CaseProseware : o.CaseContoso,
        (ObjectKind.TenantCase, Ownership.OtherReseller) => IsProseware(caller) ? o.CaseAdatum : o.CaseProseware,
        (ObjectKind.TenantCase, Ownership.OtherTenant) => o.CaseFabrikam,
        (ObjectKind.DeskCase, Ownership.Own) => o.CaseContoso,
        (ObjectKind.DeskCase, Ownership.OtherTenant) => o.CaseFabrikam,
        (ObjectKind.Partnership, Ownership.Own) => o.ProsewarePartnership,
        (ObjectKind.Partnership, Ownership.OtherTenant) => o.FabrikamPartnership,
        (ObjectKind.ResellerRelationship, Ownership.Own) => SecurityFixture.ProsewareTenantId,
        (ObjectKind.ResellerRelationship, Ownership.OtherTenant) => SecurityFixture.AlpineTenantId, // fabrikam's reseller, not contoso's
        (ObjectKind.Invitation, Ownership.Own) => IsAdatum(caller) ? o.AdatumInvitation : IsProseware(caller) ? null : o.ProviderInvitation,
        (ObjectKind.Invitation, Ownership.OtherReseller) => IsAdatum(caller) ? o.ProviderInvitation : o.AdatumInvitation,
        (ObjectKind.Invitation, Ownership.OtherTenant) => o.FabrikamInvitation,
        (ObjectKind.User, Ownership.Own) => o.ContosoUser,
        (ObjectKind.User, Ownership.OtherTenant) => o.FabrikamOnlyUser,
        (ObjectKind.Notification, Ownership.Own) => o.KeyNotifications.TryGetValue(caller.ToString(), out var mine) ? mine : null,
        (ObjectKind.Notification, Ownership.OtherReseller) => o.PersonNotification, // another principal's, same tenant
        (ObjectKind.Notification, Ownership.OtherTenant) => o.FabrikamNotification,
        (ObjectKind.ListingRequest, Ownership.Own) => o.ListingRequestDecided,
        (ObjectKind.PartnerOrganisation, Ownership.Own) => SecurityFixture.AdatumId,
        (ObjectKind.Cart, Ownership.Own) => IsProseware(caller) ? o.CartProseware : o.CartAdatum,
        (ObjectKind.Cart, Ownership.OtherReseller) => IsProseware(caller) ? o.CartAdatum : o.CartProseware,
        (ObjectKind.Cart, Ownership.OtherTenant) => o.CartFabrikam,
        (ObjectKind.Subscription, Ownership.Own) => IsProseware(caller) ? o.SubscriptionProseware : o.SubscriptionAdatum,
        (ObjectKind.Subscription, Ownership.OtherReseller) => IsProseware(caller) ? o.SubscriptionAdatum : o.SubscriptionProseware,
        (ObjectKind.Subscription, Ownership.OtherTenant) => o.SubscriptionFabrikam,
        (ObjectKind.PartnerOrganisation, Ownership.OtherTenant) => o.FabrikamOrganisation,
        (ObjectKind.WebhookEndpoint, Ownership.Own) => IsAdatum(caller) ? o.WebhookAdatum : IsProseware(caller) ? o.WebhookProseware : o.WebhookProvider,
        (ObjectKind.WebhookEndpoint, Ownership.OtherReseller) => IsAdatum(caller) ? o.WebhookProseware : o.WebhookAdatum,
        (ObjectKind.WebhookEndpoint, Ownership.OtherTenant) => o.WebhookFabrikam,
        (ObjectKind.WebhookToDelete, Ownership.Own) => IsAdatum(caller) || IsProseware(caller) ? null : o.WebhookToDelete,
        (ObjectKind.WebhookToDelete, Ownership.OtherTenant) => o.WebhookFabrikam,
        _ => null,
    };

    /// <summary>
    /// A route's path with every parameter filled: a cart's routes name its customer in <c>{id}</c> and the cart in
    /// <c>{cartId}</c> (a random cart: a random customer too), a subscription's likewise with <c>{subId}</c>; any other
    /// route names the object in every parameter.
    /// </summary>
    public static string Fill(string pattern, DemoObjects o, ObjectKind kind, Guid id) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:]+)[^}]*\}", m =>
            kind == ObjectKind.Cart && m.Groups[1].Value != "cartId" ? (o.CartCustomers.TryGetValue(id, out var customer) ? customer : Guid.NewGuid()).ToString()
            : kind == ObjectKind.Subscription && m.Groups[1].Value != "subId" ? (o.SubscriptionCustomers.TryGetValue(id, out var subscriber) ? subscriber : Guid.NewGuid()).ToString()
            : id.ToString());

    /// <summary>The tenant identifier a portal path names for the ownership (other tenant and random only for the tenant itself).</summary>
    public static string TenantOf(ObjectKind kind, Ownership ownership) => (kind, ownership) switch
    {
        (ObjectKind.Tenant, Ownership.OtherTenant) => SecurityFixture.Fabrikam,
        (ObjectKind.Tenant, Ownership.Random) => "t-" + Guid.NewGuid().ToString("N")[..12],
        _ => SecurityFixture.Contoso,
    };

    /// <summary>
    /// Whether an object of that ownership is one the caller may reach as its own: providers reach every reseller's
    /// object of their tenant, platform roles reach every tenant's platform object; a reseller reaches only its own.
    /// </summary>
    public static bool Reachable(ObjectKind kind, Caller caller, Ownership ownership, bool resellerScoped) => ownership switch
    {
        Ownership.Own => true,
        Ownership.OtherTenant => IsPlatformObject(kind),
        Ownership.OtherReseller => kind == ObjectKind.Notification ? false : !(resellerScoped && (IsAdatum(caller) || IsProseware(caller))),
        _ => false,
    };
}
