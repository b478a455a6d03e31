using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>Adds the households a monitoring import brought into this township to the centre's local picture.</summary>
public sealed class HouseholdsImportedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<HouseholdsImportedConsumer> logger)
    : TownshipEventConsumer<HouseholdsImported>(db, township, logger)
{
    protected override Task HandleAsync(HouseholdsImported message, CancellationToken cancellationToken) =>
        LocalHouseholds.RegisterAsync(Db, message.Households, message.OccurredAt, cancellationToken);
}
