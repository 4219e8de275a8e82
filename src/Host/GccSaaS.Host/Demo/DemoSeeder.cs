using System.Text;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Host.Identity.Data;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Validation.Contracts;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
    UserManager<GccSaaSUser> users,
    RoleManager<GccSaaSRole> roles,
    GccSaaSIdentityDbContext db,
    TimeProvider clock,
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

        foreach (var role in GccSaaSRoles.PlatformRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new GccSaaSRole { Id = Guid.CreateVersion7(), Name = role }));
            }
        }

        foreach (var demo in Users)
        {
            var user = await users.FindByEmailAsync(demo.Email);
            if (user is null)
            {
                user = new GccSaaSUser
                {
                    Id = Guid.CreateVersion7(),
                    UserName = demo.Email,
                    Email = demo.Email,
                    EmailConfirmed = true,
                    DisplayName = demo.DisplayName,
                    CreatedAt = clock.GetUtcNow(),
                };
                Check(await users.CreateAsync(user, DemoPassword));
            }

            if (demo.PlatformRole is { } platformRole && !await users.IsInRoleAsync(user, platformRole))
            {
                Check(await users.AddToRoleAsync(user, platformRole));
            }

            foreach (var membership in demo.Memberships)
            {
                var tenant = tenantsByIdentifier[membership.Tenant];
                if (!await db.Memberships.AnyAsync(m => m.TenantId == tenant.Id && m.UserId == user.Id, cancellationToken))
                {
                    db.Memberships.Add(new Membership
                    {
                        TenantId = tenant.Id,
                        UserId = user.Id,
                        Role = membership.Role,
                        ResellerOrganisationId = membership.ResellerOrganisationId,
                        CreatedAt = clock.GetUtcNow(),
                    });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await mediator.Send(new SeedDemoPartnerDirectoryCommand(tenantsByIdentifier.ToDictionary(t => t.Key, t => t.Value.Id)), cancellationToken);
        await mediator.Send(new SeedDemoCustomersCommand(), cancellationToken);

        // R-REL-2: Adatum Reseller is an active indirect reseller of contoso-distribution; Sam Sales has pending invitations.
        var sales = await users.FindByEmailAsync("sales.agent@contoso.demo");
        using (tenantContext.BeginScope(contoso))
        {
            await mediator.Send(new SeedDemoRelationshipsCommand(contoso.Id, [AdatumResellerId], sales?.Id, sales?.DisplayName), cancellationToken);

            // Contoso is GCC-approved with one validation code (maxCreates 5) and has a customer case on the desk.
            await mediator.Send(new SeedDemoValidationCommand(contoso.Id), cancellationToken);
        }

        if (firstSeed)
        {
            await WelcomeAsync(contoso, cancellationToken);
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
    private async Task WelcomeAsync(TenantInfo contoso, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(WelcomeRecipient) is not { } admin)
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
                    RecipientUserId: admin.Id,
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

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant ready: {Name} at /{Identifier}/")]
    private static partial void LogSeeded(ILogger logger, string name, string identifier);
}

internal sealed record DemoUser(string Email, string DisplayName, string? PlatformRole, IReadOnlyList<DemoMembership> Memberships);

internal sealed record DemoMembership(string Tenant, string Role, Guid? ResellerOrganisationId);
