using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Township.Domain.Referrals;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

// The three referral events may arrive in any order: whichever comes first creates the local referral from what it carries.

public sealed class ReferralSentConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ReferralSentConsumer> logger)
    : TownshipEventConsumer<ReferralSent>(db, township, logger)
{
    protected override async Task HandleAsync(ReferralSent message, CancellationToken cancellationToken) =>
        await LocalReferrals.FindOrAddAsync(Db, message.ReferralId, message.HouseholdId, message.Department, message.DueBy, cancellationToken);
}

/// <summary>The department missed the deadline: the referral goes on the township's worklist to chase.</summary>
public sealed class ReferralDeadlineMissedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ReferralDeadlineMissedConsumer> logger)
    : TownshipEventConsumer<ReferralDeadlineMissed>(db, township, logger)
{
    protected override async Task HandleAsync(ReferralDeadlineMissed message, CancellationToken cancellationToken) =>
        (await LocalReferrals.FindOrAddAsync(Db, message.ReferralId, message.HouseholdId, message.Department, message.DueBy, cancellationToken))
            .Overdue(message.OccurredAt);
}

public sealed class ReferralClosedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ReferralClosedConsumer> logger)
    : TownshipEventConsumer<ReferralClosed>(db, township, logger)
{
    protected override async Task HandleAsync(ReferralClosed message, CancellationToken cancellationToken) =>
        (await LocalReferrals.FindOrAddAsync(Db, message.ReferralId, message.HouseholdId, message.Department, message.OccurredAt, cancellationToken))
            .Closed(message.OccurredAt);
}

internal static class LocalReferrals
{
    public static async Task<LocalReferral> FindOrAddAsync(
        TownshipDbContext db, Guid id, Guid householdId, string department, DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        if (await db.Referrals.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } known)
        {
            return known;
        }

        var heard = LocalReferral.Heard(id, householdId, department, dueBy);
        db.Referrals.Add(heard);
        return heard;
    }
}
