using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Identity.Domain.Accounts;
using ReliefPlatform.Identity.Infrastructure;

namespace ReliefPlatform.Identity.Features.Accounts;

/// <summary>Issuing an activation code: any earlier open one for the account is withdrawn, so only the newest works.</summary>
public static class AccountActivations
{
    public const string ActivatePath = "/account/activate";

    public static async Task<ActivationResponse> IssueAsync(ReliefIdentityDbContext db, string userId, string issuedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var open in await db.Activations.Where(a => a.UserId == userId && a.UsedAt == null && a.WithdrawnAt == null).ToListAsync(cancellationToken))
        {
            open.Withdraw(at);
        }

        var (activation, code) = AccountActivation.Issue(userId, issuedBy, at);
        db.Activations.Add(activation);
        return new ActivationResponse(code, ActivatePath, activation.ExpiresAt);
    }
}
