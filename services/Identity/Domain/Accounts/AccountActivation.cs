using System.Security.Cryptography;
using System.Text;

namespace ReliefPlatform.Identity.Domain.Accounts;

/// <summary>
/// A one-time code with which a new account's holder (or one whose password was reset) sets their password. Shown once
/// to the administrator who issued it; only its hash is kept. Valid 72 hours; five wrong guesses and it is withdrawn.
/// </summary>
public sealed class AccountActivation
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    // Crockford's base32 without I, L, O, U: nothing to misread when the code is read aloud or copied from paper.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public Guid Id { get; private set; }

    public string UserId { get; private set; } = "";

    public byte[] CodeHash { get; private set; } = [];

    public string IssuedBy { get; private set; } = "";

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public int FailedAttempts { get; private set; }

    /// <summary>A new activation and its code (16 characters, 80 bits, in groups of four: 7KQ2-…).</summary>
    public static (AccountActivation Activation, string Code) Issue(string userId, string issuedBy, DateTimeOffset at)
    {
        var code = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4)));
        return (new AccountActivation
        {
            Id = Guid.CreateVersion7(at),
            UserId = userId,
            CodeHash = Hash(code),
            IssuedBy = issuedBy,
            IssuedAt = at,
            ExpiresAt = at + Lifetime,
        }, code);
    }

    public bool IsOpen(DateTimeOffset now) => UsedAt is null && WithdrawnAt is null && FailedAttempts < MaxFailedAttempts && now < ExpiresAt;

    /// <summary>Does <paramref name="code"/> (as typed: any case, with or without dashes and spaces) open this activation?</summary>
    public bool Matches(string? code) => CryptographicOperations.FixedTimeEquals(Hash(code ?? ""), CodeHash);

    /// <summary>A wrong code: the fifth one withdraws the activation.</summary>
    public void Failed(DateTimeOffset at)
    {
        FailedAttempts++;
        if (FailedAttempts >= MaxFailedAttempts)
        {
            WithdrawnAt = at;
        }
    }

    public void Use(DateTimeOffset at) => UsedAt = at;

    public void Withdraw(DateTimeOffset at) => WithdrawnAt ??= at;

    private static byte[] Hash(string code)
    {
        var normalised = new string([.. code.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return SHA256.HashData(Encoding.ASCII.GetBytes(normalised));
    }
}
