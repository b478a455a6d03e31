using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Delivery.Domain.Recipients;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>A newly registered household becomes a potential service recipient.</summary>
public sealed class HouseholdRegisteredConsumer(DeliveryDbContext db, ILogger<HouseholdRegisteredConsumer> logger)
    : IdempotentConsumer<HouseholdRegistered, DeliveryDbContext>(db, logger)
{
    protected override Task HandleAsync(HouseholdRegistered message, CancellationToken cancellationToken)
    {
        Db.Recipients.Add(Recipient.FromRegistration(
            message.HouseholdId, message.TownshipCode, message.VillageCode, message.Category, message.OccurredAt));
        return Task.CompletedTask;
    }
}
