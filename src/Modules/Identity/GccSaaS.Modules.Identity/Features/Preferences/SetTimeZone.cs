using GccSaaS.Modules.Identity.Authorization;
using GccSaaS.Modules.Identity.Features.TwoFactor;
using GccSaaS.Modules.Identity.Resources;

namespace GccSaaS.Modules.Identity.Features.Preferences;

/// <summary>
/// The signed-in user picks the time zone the portal shows times in (an IANA id), or none to follow the browser's.
/// </summary>
internal sealed record SetTimeZoneCommand(string? TimeZone) : IRequest;

internal sealed class SetTimeZoneHandler(CallerPermissions permissions, TwoFactorAccounts accounts, IStringLocalizer<IdentityResource> l)
    : IRequestHandler<SetTimeZoneCommand>
{
    public async Task<Unit> Handle(SetTimeZoneCommand request, CancellationToken cancellationToken)
    {
        string? zone = null;
        if (!string.IsNullOrWhiteSpace(request.TimeZone))
        {
            zone = PortalTime.Find(request.TimeZone.Trim())?.Id
                ?? throw new DomainRuleException(IdentityErrorCodes.UnknownTimeZone, l["Error_unknown_time_zone"]);
        }

        var user = await accounts.RequireCallerAsync(permissions);
        user.TimeZone = zone;
        TwoFactorAccounts.Check(await accounts.Users.UpdateAsync(user));
        return Unit.Value;
    }
}
