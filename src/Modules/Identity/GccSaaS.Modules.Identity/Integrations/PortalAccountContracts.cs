using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Integrations;

/// <summary>
/// Portal accounts for people who arrive through another module's invitation link (a reseller admin accepting a
/// partnership): whether an address has an account, registering one, and signing it in.
/// </summary>
internal sealed class PortalAccountExistsHandler(UserManager<GccSaaSUser> users) : IRequestHandler<PortalAccountExistsQuery, bool>
{
    public async Task<bool> Handle(PortalAccountExistsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await users.FindByEmailAsync(request.Email) is not null;
    }
}

internal sealed class RegisterPortalAccountHandler(UserManager<GccSaaSUser> users, TimeProvider clock)
    : IRequestHandler<RegisterPortalAccountCommand, PortalAccountRegistration>
{
    public async Task<PortalAccountRegistration> Handle(RegisterPortalAccountCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = new GccSaaSUser
        {
            Id = Guid.CreateVersion7(),
            UserName = request.Email.Trim(),
            Email = request.Email.Trim(),
            // The address received the link, which proves it.
            EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password);
        return created.Succeeded
            ? new PortalAccountRegistration(user.Id, [])
            : new PortalAccountRegistration(null, [.. created.Errors.Select(e => e.Description)]);
    }
}

internal sealed class CheckNewPasswordHandler(UserManager<GccSaaSUser> users) : IRequestHandler<CheckNewPasswordQuery, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(CheckNewPasswordQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidate = new GccSaaSUser { UserName = request.Email.Trim(), Email = request.Email.Trim() };
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, request.Password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        return errors;
    }
}

/// <summary>Signs the account in through the request's <see cref="SignInManager{TUser}"/> (the auth cookie of this response).</summary>
internal sealed class SignInPortalAccountHandler(UserManager<GccSaaSUser> users, SignInManager<GccSaaSUser> signIn, IHttpContextAccessor http)
    : IRequestHandler<SignInPortalAccountCommand, Unit>
{
    public async Task<Unit> Handle(SignInPortalAccountCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (http.HttpContext is not null && await users.FindByIdAsync(request.UserId.ToString("D")) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        return Unit.Value;
    }
}
