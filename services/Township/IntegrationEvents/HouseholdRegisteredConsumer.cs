using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>Adds a newly registered household of this township to the centre's local picture; other townships' are ignored.</summary>
public sealed class HouseholdRegisteredConsumer(TownshipDbContext db, CurrentTownship township, ILogger<HouseholdRegisteredConsumer> logger)
    : TownshipEventConsumer<HouseholdRegistered>(db, township, logger)
{
    protected override Task HandleAsync(HouseholdRegistered message, CancellationToken cancellationToken) =>
        LocalHouseholds.RegisterAsync(Db, [new(message.HouseholdId, message.VillageCode, message.Category, message.MemberCount)], message.OccurredAt,
            cancellationToken);
}
