using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Identity.Domain.Providers;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Security.Revocation;

namespace ReliefPlatform.Identity.IntegrationEvents;

/// <summary>Keeps which providers are approved, so their staff may have accounts and sign in; and when not, stops them at once.</summary>
public static class ProviderStandings
{
    /// <summary>Is the provider known here as approved — may its staff have accounts and sign in?</summary>
    public static Task<bool> MayWorkAsync(ReliefIdentityDbContext db, Guid providerId, CancellationToken cancellationToken = default) =>
        db.ProviderStandings.AsNoTracking().AnyAsync(p => p.ProviderId == providerId && p.Status == ProviderStatus.Approved, cancellationToken);

    public static async Task LearnAsync(
        ReliefIdentityDbContext db, ITokenRevocations revocations, Guid providerId, ProviderStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var standing = await db.ProviderStandings.FindAsync([providerId], cancellationToken);
        if (standing is null)
        {
            db.ProviderStandings.Add(ProviderStanding.Of(providerId, status, at));
        }
        else if (!standing.Learn(status, at))
        {
            return;
        }

        if (status != ProviderStatus.Approved)
        {
            // Live tokens of the provider's staff stop working now, not when they expire; the token endpoint issues
            // no new ones while the provider is not approved. Revoked before the standing commits: a failure retries.
            var key = providerId.ToString();
            foreach (var staff in await db.Users.Where(u => u.ProviderId == key).Select(u => u.Id).ToListAsync(cancellationToken))
            {
                await revocations.RevokeSubjectAsync(staff, cancellationToken);
            }
        }
    }
}

public sealed class ProviderApprovedConsumer(ReliefIdentityDbContext db, ITokenRevocations revocations, ILogger<ProviderApprovedConsumer> logger)
    : IdempotentConsumer<ProviderApproved, ReliefIdentityDbContext>(db, logger)
{
    protected override Task HandleAsync(ProviderApproved message, CancellationToken cancellationToken) =>
        ProviderStandings.LearnAsync(Db, revocations, message.ProviderId, ProviderStatus.Approved, message.OccurredAt, cancellationToken);
}

public sealed class ProviderSuspendedConsumer(ReliefIdentityDbContext db, ITokenRevocations revocations, ILogger<ProviderSuspendedConsumer> logger)
    : IdempotentConsumer<ProviderSuspended, ReliefIdentityDbContext>(db, logger)
{
    protected override Task HandleAsync(ProviderSuspended message, CancellationToken cancellationToken) =>
        ProviderStandings.LearnAsync(Db, revocations, message.ProviderId,
            message.Terminated ? ProviderStatus.Terminated : ProviderStatus.Suspended, message.OccurredAt, cancellationToken);
}
