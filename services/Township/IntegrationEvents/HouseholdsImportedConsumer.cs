using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Township.Domain.Households;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>Adds the households a monitoring import brought into this township to the centre's local picture.</summary>
public sealed class HouseholdsImportedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<HouseholdsImportedConsumer> logger)
    : TownshipEventConsumer<HouseholdsImported>(db, township, logger)
{
    protected override async Task HandleAsync(HouseholdsImported message, CancellationToken cancellationToken)
    {
        var ids = message.Households.Select(h => h.HouseholdId).ToList();
        var known = (await Db.Households.Where(h => ids.Contains(h.HouseholdId)).Select(h => h.HouseholdId).ToListAsync(cancellationToken)).ToHashSet();
        Db.Households.AddRange(message.Households.Where(h => !known.Contains(h.HouseholdId)).Select(h =>
            LocalHousehold.FromRegistration(h.HouseholdId, h.VillageCode, h.Category, h.MemberCount, message.OccurredAt)));
    }
}
