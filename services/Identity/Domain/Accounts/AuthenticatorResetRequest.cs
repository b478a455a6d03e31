namespace ReliefPlatform.Identity.Domain.Accounts;

/// <summary>
/// Resetting a county administrator's authenticator takes two administrators: one asks, another (not the account's
/// holder) approves. Another role's reset needs no second approval.
/// </summary>
public sealed class AuthenticatorResetRequest
{
    public Guid Id { get; private set; }

    public string UserId { get; private set; } = "";

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public static AuthenticatorResetRequest Ask(string userId, string by, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(at), UserId = userId, RequestedBy = by, RequestedAt = at };

    public bool IsPending => ApprovedAt is null;

    public void Approve(string by, DateTimeOffset at)
    {
        ApprovedBy = by;
        ApprovedAt = at;
    }
}
