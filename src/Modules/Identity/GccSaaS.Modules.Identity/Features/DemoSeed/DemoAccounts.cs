using System.Text;
using GccSaaS.Modules.Identity.Contracts;

namespace GccSaaS.Modules.Identity.Features.DemoSeed;

/// <summary>
/// Who signs in where in the demo (build/run.sh): a platform admin and a validation reviewer, one user per provider
/// role in <c>contoso-distribution</c>, reseller users of two reseller organisations, and a user who is a member of
/// both demo tenants. Identity's demo seed step creates them and prints the sign-ins. The password is for the demo
/// only and is printed for that reason; never seed it anywhere real.
/// </summary>
internal sealed class DemoAccounts : IDemoSeed
{
    public const string Password = "GccSaaS-Demo-2026!";

    private const string Contoso = DemoSeedContext.DemoTenantIdentifier;
    private const string Fabrikam = DemoSeedContext.SecondTenantIdentifier;

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("platform.admin@gccsaas.demo", "Pat Platform", GccSaaSRoles.PlatformAdmin, []),
        new("reviewer@gccsaas.demo", "Robin Reviewer", GccSaaSRoles.ValidationReviewer, []),
        new("global.admin@contoso.demo", "Grace Global", null, [new(Contoso, GccSaaSRoles.GlobalAdmin, null)]),
        new("admin.agent@contoso.demo", "Alex Agent", null, [new(Contoso, GccSaaSRoles.AdminAgent, null)]),
        new("sales.agent@contoso.demo", "Sam Sales", null, [new(Contoso, GccSaaSRoles.SalesAgent, null)]),
        new("reseller.admin@adatum.demo", "Riley Reseller", null, [new(Contoso, GccSaaSRoles.ResellerAdmin, DemoSeedContext.AdatumResellerId)]),
        new("reseller.agent@adatum.demo", "Rowan Reseller", null, [new(Contoso, GccSaaSRoles.ResellerAgent, DemoSeedContext.AdatumResellerId)]),
        new("reseller.admin@proseware.demo", "Parker Proseware", null, [new(Contoso, GccSaaSRoles.ResellerAdmin, DemoSeedContext.ProsewareResellerId)]),
        new("multi@gccsaas.demo", "Morgan Multi", null,
        [
            new(Contoso, GccSaaSRoles.SalesAgent, null),
            new(Fabrikam, GccSaaSRoles.GlobalAdmin, null),
        ]),
    ];

    /// <summary>Identity's step of the demo seed: the accounts, their roles and memberships, and the sign-ins to print.</summary>
    public static DemoSeedStep DemoStep { get; } = new(IdentityModule.Name, 10, async (context, cancellationToken) =>
    {
        var tenants = context.TenantsByIdentifier;
        var accounts = Users.Select(u => new DemoAccount(
            u.Email,
            u.DisplayName,
            u.PlatformRole,
            [.. u.Memberships.Select(m => new Contracts.DemoMembership(tenants[m.Tenant].Id, m.Role, m.ResellerOrganisationId))]));
        var ids = await context.Services.GetRequiredService<IMediator>().Send(new SeedDemoIdentityCommand(Password, [.. accounts]), cancellationToken);
        foreach (var user in Users)
        {
            if (ids.TryGetValue(user.Email, out var id))
            {
                context.Users[user.Email] = (id, user.DisplayName);
            }
        }

        context.Printed.Add(SignInsBlock());
    });

    /// <summary>The block printed at start: every demo sign-in with where it lands.</summary>
    public static string SignInsBlock()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("  Demo sign-ins (password for all: " + Password + ")  -- demo data only");
        foreach (var demo in Users)
        {
            var where = demo.PlatformRole is { } platformRole
                ? $"{platformRole} (platform)"
                : string.Join(", ", demo.Memberships.Select(m =>
                    $"{m.Role} in /{m.Tenant}/" + (m.ResellerOrganisationId is null ? string.Empty
                        : m.ResellerOrganisationId == DemoSeedContext.ProsewareResellerId ? " for Proseware Reseller" : " for Adatum Reseller")));
            text.AppendLine($"    {demo.Email,-30} {where}");
        }

        return text.ToString();
    }
}

internal sealed record DemoUser(string Email, string DisplayName, string? PlatformRole, IReadOnlyList<DemoUserMembership> Memberships);

internal sealed record DemoUserMembership(string Tenant, string Role, Guid? ResellerOrganisationId);
