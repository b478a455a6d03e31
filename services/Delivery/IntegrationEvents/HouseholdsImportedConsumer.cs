using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Delivery.Domain.Recipients;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>Households a monitoring import added become potential service recipients, a batch at a time.</summary>
public sealed class HouseholdsImportedConsumer(DeliveryDbContext db, ILogger<HouseholdsImportedConsumer> logger)
    : IdempotentConsumer<HouseholdsImported, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(HouseholdsImported message, CancellationToken cancellationToken)
    {
        var ids = message.Households.Select(h => h.HouseholdId).ToList();
        var known = (await Db.Recipients.Where(r => ids.Contains(r.HouseholdId)).Select(r => r.HouseholdId).ToListAsync(cancellationToken)).ToHashSet();
        Db.Recipients.AddRange(message.Households.Where(h => !known.Contains(h.HouseholdId)).Select(h =>
            Recipient.FromRegistration(h.HouseholdId, message.TownshipCode, h.VillageCode, h.Category, message.OccurredAt)));
    }
}
