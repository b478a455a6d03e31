using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Identity.Domain.Users;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Security.Audit;

namespace ReliefPlatform.Identity.Features.SignIn;

/// <summary>
/// Every sign-in, its failures and refusals, in Identity's audit chain — the account's id, never the password nor what
/// was typed as a user name (people type ID numbers and phone numbers there); a success also sets the last sign-in.
/// </summary>
public static class SignInRecords
{
    public const string Unknown = "account:unknown";

    public static async Task RecordAsync(
        ReliefIdentityDbContext db, TimeProvider time, ReliefUser? user, string outcome, string via, CancellationToken cancellationToken)
    {
        // What the sign-in itself left unsaved (a failed-count update that lost a race with a concurrent attempt on the
        // same account) is not ours to save: the record is only the audit entry and the last sign-in time.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user is not null && outcome == Succeeded)
        {
            var now = time.GetUtcNow();
            user.LastSignInAt = now;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.LastSignInAt, now), cancellationToken);
        }

        await AuditTrail.AppendAsync(db, time, user?.Id ?? "anonymous", $"sign-in.{outcome}", user is null ? Unknown : $"account:{user.Id}",
            $"via={via}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public const string Succeeded = "succeeded";
    public const string WrongPassword = "wrong-password";
    public const string WrongCode = "wrong-code";
    public const string LockedOut = "locked-out";
    public const string NotAllowed = "not-allowed";
    public const string UnknownUser = "unknown-user";
}
