using GccSaaS.Modules.Identity.Data;
using GccSaaS.Modules.Identity.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GccSaaS.Modules.Identity.Features.PasswordReset;

/// <summary>
/// Issue 18: a new reset link for a portal user who forgot the password. Answers the link's token, once: only its
/// SHA-256 hash is stored (<c>identity.password_reset_tokens</c>), valid for <see cref="IdentitySettings.PasswordResetLifetime"/>.
/// The platform audit log records the request by the user's id (the token is the response, never audited).
/// </summary>
internal sealed record RequestPasswordResetCommand(Guid UserId) : IRequest<string>;

internal sealed class RequestPasswordResetHandler(GccSaaSIdentityDbContext db, TimeProvider clock, IOptions<IdentitySettings> settings)
    : IRequestHandler<RequestPasswordResetCommand, string>
{
    public async Task<string> Handle(RequestPasswordResetCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var token = LinkTokens.NewToken();
        // Links that ended a day ago are of no use to anyone: the table stays small without a sweep of its own.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM identity.password_reset_tokens WHERE expires_at < {now.AddDays(-1)}", cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO identity.password_reset_tokens (token_hash, user_id, created_at, expires_at)
            VALUES ({LinkTokens.Hash(token)}, {request.UserId}, {now}, {now + settings.Value.PasswordResetLifetime})
            """,
            cancellationToken);
        return token;
    }
}

/// <summary>
/// Issue 18: the link's holder sets a new password. The link is spent in the same transaction (single use, and every
/// other open link of the user with it); a new password that breaks the rules (the same as on the password change)
/// rolls that back, so the link still works for a better one. The new password renews the security stamp, which ends
/// the user's other sessions.
/// </summary>
internal sealed record CompletePasswordResetCommand(string Token, string NewPassword) : IRequest<Guid>;

internal sealed class CompletePasswordResetHandler(
    GccSaaSIdentityDbContext db,
    UserManager<GccSaaSUser> users,
    TimeProvider clock,
    IStringLocalizer<IdentityResource> l)
    : IRequestHandler<CompletePasswordResetCommand, Guid>
{
    public async Task<Guid> Handle(CompletePasswordResetCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!LinkTokens.LooksLikeToken(request.Token))
        {
            throw Invalid();
        }

        var now = clock.GetUtcNow();
        var spent = await db.Database.SqlQuery<Guid>(
            $"""
            UPDATE identity.password_reset_tokens SET used_at = {now}
             WHERE token_hash = {LinkTokens.Hash(request.Token)} AND used_at IS NULL AND expires_at > {now}
            RETURNING user_id AS "Value"
            """).ToListAsync(cancellationToken);
        if (spent is not [var userId] || await users.FindByIdAsync(userId.ToString("D")) is not { } user)
        {
            throw Invalid();
        }

        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE identity.password_reset_tokens SET used_at = {now} WHERE user_id = {userId} AND used_at IS NULL", cancellationToken);

        // Identity's own reset (its password rules, hash and new security stamp), with a token made for this moment.
        var identityToken = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, identityToken, request.NewPassword ?? string.Empty);
        if (!result.Succeeded)
        {
            throw new RequestValidationException(
                [.. result.Errors.Select(e => new ValidationFailure("newPassword", e.Code, e.Description))]);
        }

        return userId;
    }

    private DomainRuleException Invalid() => new(IdentityErrorCodes.PasswordResetLinkInvalid, l["Error_password_reset_link_invalid"], DomainErrorKind.RuleViolated);
}

/// <summary>Whether a reset link can still be used (unspent, not expired), without spending it: the page's first look.</summary>
internal sealed class PasswordResetLinks(GccSaaSIdentityDbContext db, TimeProvider clock)
{
    public async Task<bool> IsOpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LinkTokens.LooksLikeToken(token))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var open = await db.Database.SqlQuery<int>(
            $"""
            SELECT 1 AS "Value" FROM identity.password_reset_tokens
             WHERE token_hash = {LinkTokens.Hash(token)} AND used_at IS NULL AND expires_at > {now}
            """).ToListAsync(cancellationToken);
        return open.Count > 0;
    }
}
