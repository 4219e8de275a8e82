using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Features.TwoFactor;

/// <summary>The signed-in user starts setting up an authenticator app: a new shared key (2FA stays off until verified).</summary>
internal sealed record ResetAuthenticatorKeyCommand : IRequest;

internal sealed class ResetAuthenticatorKeyHandler(CallerPermissions permissions, TwoFactorAccounts accounts, IStringLocalizer<IdentityResource> l)
    : IRequestHandler<ResetAuthenticatorKeyCommand>
{
    public async Task<Unit> Handle(ResetAuthenticatorKeyCommand request, CancellationToken cancellationToken)
    {
        var user = await accounts.RequireCallerAsync(permissions);
        if (user.TwoFactorEnabled)
        {
            throw new DomainRuleException(IdentityErrorCodes.TwoFactorEnabled, l["TwoFactorAlreadyOn"]);
        }

        TwoFactorAccounts.Check(await accounts.Users.ResetAuthenticatorKeyAsync(user));
        return Unit.Value;
    }
}

/// <summary>The user proves the authenticator works with one code; two-factor sign-in is on from then.</summary>
internal sealed record EnableTwoFactorCommand(string Code) : IRequest<IReadOnlyList<string>>;

internal sealed class EnableTwoFactorHandler(CallerPermissions permissions, TwoFactorAccounts accounts, IStringLocalizer<IdentityResource> l)
    : IRequestHandler<EnableTwoFactorCommand, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(EnableTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var user = await accounts.RequireCallerAsync(permissions);
        var code = TwoFactorAccounts.CleanCode(request.Code);
        var valid = await accounts.Users.GetAuthenticatorKeyAsync(user) is not null
            && await accounts.Users.VerifyTwoFactorTokenAsync(user, accounts.Users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            throw new DomainRuleException(IdentityErrorCodes.InvalidTwoFactorCode, l["ErrorInvalidCode"]);
        }

        TwoFactorAccounts.Check(await accounts.Users.SetTwoFactorEnabledAsync(user, true));
        var recoveryCodes = await accounts.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return [.. recoveryCodes ?? []];
    }
}

/// <summary>The user turns two-factor sign-in off (and forgets the authenticator key).</summary>
internal sealed record DisableTwoFactorCommand : IRequest;

internal sealed class DisableTwoFactorHandler(CallerPermissions permissions, TwoFactorAccounts accounts)
    : IRequestHandler<DisableTwoFactorCommand>
{
    public async Task<Unit> Handle(DisableTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var user = await accounts.RequireCallerAsync(permissions);
        TwoFactorAccounts.Check(await accounts.Users.SetTwoFactorEnabledAsync(user, false));
        TwoFactorAccounts.Check(await accounts.Users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey"));
        return Unit.Value;
    }
}

internal sealed class TwoFactorAccounts(UserManager<GccSaaSUser> users, IStringLocalizer<IdentityResource> l)
{
    public UserManager<GccSaaSUser> Users => users;

    public async Task<GccSaaSUser> RequireCallerAsync(CallerPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var caller = permissions.RequireSignedIn();
        return await users.FindByIdAsync(caller.UserId.ToString("D"))
            ?? throw new DomainRuleException("unauthorized", l["SignInFirst"], DomainErrorKind.Forbidden);
    }

    /// <summary>Authenticator apps show codes as "123 456"; people type them with spaces or dashes.</summary>
    public static string CleanCode(string? code) =>
        new((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    public static void Check(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new DomainRuleException(IdentityErrorCodes.IdentityError, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
