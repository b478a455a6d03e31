using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Delivery.Domain.Providers;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>The questions every way of giving work asks of Delivery's copy of providers' standing (<see cref="ProviderStanding"/>).</summary>
public static class ProviderStandings
{
    /// <summary>
    /// The provider's standing when it may not be given new work (suspended or terminated); null when it may. Read inside the
    /// transaction that writes the work, under a share lock of the provider's standing: a suspension being applied (it locks
    /// the row for update) is waited for and then seen, and one applied after this transaction commits finds the order it
    /// wrote and moves it. No order slips between the two.
    /// </summary>
    public static async Task<ProviderStandingStatus?> LostStandingAsync(this DeliveryDbContext db, string providerId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A provider's standing is read for new work only inside the transaction that writes the work.");
        }

        var status = await db.Database
            .SqlQuery<string>($"SELECT \"Status\" AS \"Value\" FROM provider_standings WHERE \"ProviderId\" = {providerId} FOR SHARE")
            .FirstOrDefaultAsync(cancellationToken);
        return status is null || status == nameof(ProviderStandingStatus.Approved) ? null : Enum.Parse<ProviderStandingStatus>(status);
    }

    /// <summary>Every provider that may not be given new work now.</summary>
    public static async Task<HashSet<string>> OutOfStandingAsync(this DeliveryDbContext db, CancellationToken cancellationToken) =>
        [.. await db.ProviderStandings.AsNoTracking().Where(s => s.Status != ProviderStandingStatus.Approved).Select(s => s.ProviderId).ToListAsync(cancellationToken)];

    /// <summary>A plan line's explanation while it waits to be matched afresh because its provider lost its standing.</summary>
    public const string Rematching = "原服务主体已暂停或退出服务网络，正在重新匹配服务主体。";

    /// <summary>The staff's words for a provider that may not be given work (a field error on <c>providerId</c>).</summary>
    public static string Refusal(ProviderStandingStatus status) => status == ProviderStandingStatus.Terminated
        ? "该服务主体已退出服务网络，不能再派发工单。"
        : "该服务主体已被暂停，恢复前不能派发新工单。";

    /// <summary>Loads the provider's standing for a new fact, adding it when Delivery has heard nothing of the provider yet.</summary>
    public static async Task<ProviderStanding> StandingForUpdateAsync(this DeliveryDbContext db, string providerId, CancellationToken cancellationToken)
    {
        // Locked until the fact's transaction commits: an order being written for the provider (LostStandingAsync) is
        // waited for, so the orders this fact moves include it.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM provider_standings WHERE \"ProviderId\" = {providerId} FOR UPDATE", cancellationToken);
        if (await db.ProviderStandings.FindAsync([providerId], cancellationToken) is { } known)
        {
            return known;
        }

        var standing = ProviderStanding.Learn(providerId);
        db.ProviderStandings.Add(standing);
        return standing;
    }
}
