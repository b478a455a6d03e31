using Microsoft.AspNetCore.Identity;
using ReliefPlatform.Identity.Domain.Users;

namespace ReliefPlatform.Identity.Infrastructure;

/// <summary>
/// Beyond length and character classes (Identity's own rules): no password that contains the user name, that is one of
/// the passwords every guessing list starts with, or that is the account's current one (a reset must change it).
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<ReliefUser>
{
    // The stems of the commonest passwords (in Chinese leak lists and others): a password built on one is guessed first.
    private static readonly string[] CommonStems =
        ["password", "passw0rd", "123456", "654321", "qwerty", "asdfgh", "zxcvbn", "abc123", "111111", "888888", "666666", "admin", "welcome", "iloveyou", "woaini", "huoshan"];

    public Task<IdentityResult> ValidateAsync(UserManager<ReliefUser> manager, ReliefUser user, string? password)
    {
        var errors = new List<IdentityError>();
        var lower = (password ?? "").ToLowerInvariant();
        if (!string.IsNullOrEmpty(user.UserName) && lower.Contains(user.UserName.ToLowerInvariant(), StringComparison.Ordinal))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "密码不能包含用户名。" });
        }

        if (CommonStems.Any(stem => lower.Contains(stem, StringComparison.Ordinal)) || lower.Distinct().Count() < 5)
        {
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "密码太常见或太简单，容易被猜中，请换一个。" });
        }

        if (user.PasswordHash is { Length: > 0 } current
            && manager.PasswordHasher.VerifyHashedPassword(user, current, password ?? "") != PasswordVerificationResult.Failed)
        {
            errors.Add(new IdentityError { Code = "PasswordReused", Description = "新密码不能与原密码相同。" });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
