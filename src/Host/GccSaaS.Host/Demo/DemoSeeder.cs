using System.Text;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using MediatR;

namespace GccSaaS.Host.Demo;

/// <summary>
/// Seeds a demo platform for build/run.sh (<c>Demo:Seed=true</c>): a platform admin and a validation
/// reviewer, the provider tenant <c>contoso-distribution</c> with one user per provider role and a reseller
/// organisation with its users, a second tenant, and a user who is a member of both. Idempotent, so a
/// restart keeps what the user did; it prints the sign-ins on stdout. The first seed of the demo tenant also
/// welcomes its Global admin through the product's notification path (in-app, and by mail when SMTP is
/// configured, as build/run.sh does with its local inbox), so a new user sees a real mail arrive.
/// The password is for the demo only and is printed for that reason; never seed it anywhere real.
/// </summary>
internal sealed partial class DemoSeeder(
    ITenantStore tenants,
    IMediator mediator,
    ITenantContextAccessor tenantContext,
    ILogger<DemoSeeder> logger)
{
    public const string DemoTenantIdentifier = "contoso-distribution";
    public const string SecondTenantIdentifier = "fabrikam-cloud";
    public const string DemoPassword = "GccSaaS-Demo-2026!";

    /// <summary>Who the first seed welcomes (the demo tenant's Global admin).</summary>
    public const string WelcomeRecipient = "global.admin@contoso.demo";

    /// <summary>The demo reseller organisation (a partner directory id, fixed so links and tests can name it).</summary>
    public static readonly Guid AdatumResellerId = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");

    /// <summary>A second reseller organisation with a user, so reseller scoping (R-CUS-3) shows: it sees none of Adatum's customers.</summary>
    public static readonly Guid ProsewareResellerId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123450a0008");

    /// <summary>Who signs in where: e-mail, display name, platform role, and memberships (tenant, role, reseller organisation).</summary>
    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("platform.admin@gccsaas.demo", "Pat Platform", GccSaaSRoles.PlatformAdmin, []),
        new("reviewer@gccsaas.demo", "Robin Reviewer", GccSaaSRoles.ValidationReviewer, []),
        new("global.admin@contoso.demo", "Grace Global", null, [new(DemoTenantIdentifier, GccSaaSRoles.GlobalAdmin, null)]),
        new("admin.agent@contoso.demo", "Alex Agent", null, [new(DemoTenantIdentifier, GccSaaSRoles.AdminAgent, null)]),
        new("sales.agent@contoso.demo", "Sam Sales", null, [new(DemoTenantIdentifier, GccSaaSRoles.SalesAgent, null)]),
        new("reseller.admin@adatum.demo", "Riley Reseller", null, [new(DemoTenantIdentifier, GccSaaSRoles.ResellerAdmin, AdatumResellerId)]),
        new("reseller.agent@adatum.demo", "Rowan Reseller", null, [new(DemoTenantIdentifier, GccSaaSRoles.ResellerAgent, AdatumResellerId)]),
        new("reseller.admin@proseware.demo", "Parker Proseware", null, [new(DemoTenantIdentifier, GccSaaSRoles.ResellerAdmin, ProsewareResellerId)]),
        new("multi@gccsaas.demo", "Morgan Multi", null,
        [
            new(DemoTenantIdentifier, GccSaaSRoles.SalesAgent, null),
            new(SecondTenantIdentifier, GccSaaSRoles.GlobalAdmin, null),
        ]),
    ];

    public async Task<TenantInfo> SeedAsync(CancellationToken cancellationToken = default)
    {
        var firstSeed = await tenants.FindByIdentifierAsync(DemoTenantIdentifier, cancellationToken) is null;
        var contoso = await EnsureTenantAsync(DemoTenantIdentifier, "Contoso Distribution", cancellationToken);
        var fabrikam = await EnsureTenantAsync(SecondTenantIdentifier, "Fabrikam Cloud", cancellationToken);
        var tenantsByIdentifier = new Dictionary<string, TenantInfo> { [contoso.Identifier] = contoso, [fabrikam.Identifier] = fabrikam };

        // Identity owns accounts, roles and memberships: the seeder names them, Identity creates what is missing.
        var accounts = Users.Select(u => new DemoAccount(
            u.Email,
            u.DisplayName,
            u.PlatformRole,
            [.. u.Memberships.Select(m => new Modules.Identity.Contracts.DemoMembership(tenantsByIdentifier[m.Tenant].Id, m.Role, m.ResellerOrganisationId))]));
        var userIds = await mediator.Send(new SeedDemoIdentityCommand(DemoPassword, [.. accounts]), cancellationToken);
        await mediator.Send(new SeedDemoPartnerDirectoryCommand(tenantsByIdentifier.ToDictionary(t => t.Key, t => t.Value.Id)), cancellationToken);
        await mediator.Send(new SeedDemoCustomersCommand(), cancellationToken);

        // R-REL-2: Adatum Reseller is an active indirect reseller of contoso-distribution; Sam Sales has pending invitations.
        var sales = Users.Single(u => u.Email == "sales.agent@contoso.demo");
        Guid? salesId = userIds.TryGetValue(sales.Email, out var salesUserId) ? salesUserId : null;
        using (tenantContext.BeginScope(contoso))
        {
            await mediator.Send(new SeedDemoRelationshipsCommand(contoso.Id, [AdatumResellerId], salesId, salesId is null ? null : sales.DisplayName), cancellationToken);

            // Contoso is GCC-approved with one validation code (maxCreates 5) and has a customer case on the desk.
            await mediator.Send(new SeedDemoValidationCommand(contoso.Id), cancellationToken);
        }

        if (firstSeed)
        {
            await WelcomeAsync(contoso, userIds, cancellationToken);
        }

        LogSeeded(logger, contoso.Name, contoso.Identifier);
        await Console.Out.WriteLineAsync(SignInsBlock());
        return contoso;
    }

    /// <summary>
    /// One notification to the demo tenant's Global admin, sent to the Notifications module as a command: it writes it
    /// to its outbox and delivers it like any module's, in-app and, with SMTP configured, by mail (a failure waits in
    /// the outbox).
    /// </summary>
    private async Task WelcomeAsync(TenantInfo contoso, IReadOnlyDictionary<string, Guid> userIds, CancellationToken cancellationToken)
    {
        if (!userIds.TryGetValue(WelcomeRecipient, out var adminId))
        {
            return;
        }

        using (tenantContext.BeginScope(contoso))
        {
            await mediator.Send(
                new SendUserNotificationCommand(
                    contoso.Id,
                    "demo.welcome",
                    $"Welcome to {contoso.Name} on GccSaaS",
                    "The demo workspace is ready. Adatum Reseller is an active indirect reseller, Sam Sales has pending "
                    + "invitations, and City of Bellevue Utilities waits on the review desk. Notifications like this one arrive "
                    + "in the portal and, when SMTP is configured, by mail: invitation reminders and expiries, validation "
                    + "decisions and information requests, partnership removals.",
                    RecipientUserId: adminId,
                    LinkUrl: $"/{contoso.Identifier}/",
                    SendEmail: true,
                    Culture: "en"),
                cancellationToken);
        }
    }

    /// <summary>The block printed at start: every demo sign-in with where it lands.</summary>
    public static string SignInsBlock()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("  Demo sign-ins (password for all: " + DemoPassword + ")  -- demo data only");
        foreach (var demo in Users)
        {
            var where = demo.PlatformRole is { } platformRole
                ? $"{platformRole} (platform)"
                : string.Join(", ", demo.Memberships.Select(m =>
                    $"{m.Role} in /{m.Tenant}/" + (m.ResellerOrganisationId is null ? string.Empty : m.ResellerOrganisationId == ProsewareResellerId ? " for Proseware Reseller" : " for Adatum Reseller")));
            text.AppendLine($"    {demo.Email,-30} {where}");
        }

        return text.ToString();
    }

    private async Task<TenantInfo> EnsureTenantAsync(string identifier, string name, CancellationToken cancellationToken) =>
        await tenants.FindByIdentifierAsync(identifier, cancellationToken)
        ?? await tenants.CreateAsync(identifier, name, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant ready: {Name} at /{Identifier}/")]
    private static partial void LogSeeded(ILogger logger, string name, string identifier);
}

internal sealed record DemoUser(string Email, string DisplayName, string? PlatformRole, IReadOnlyList<DemoMembership> Memberships);

internal sealed record DemoMembership(string Tenant, string Role, Guid? ResellerOrganisationId);
