using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// A registry correction reaches the recipient: its category is what the next plan is matched with (members are not kept
/// here; the plan fetches the household's matching profile when it is drafted). Latest correction wins, whatever the order.
/// </summary>
public sealed class HouseholdCorrectedConsumer(DeliveryDbContext db, ILogger<HouseholdCorrectedConsumer> logger)
    : IdempotentConsumer<HouseholdCorrected, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(HouseholdCorrected message, CancellationToken cancellationToken)
    {
        var recipient = await Db.Recipients.FindAsync([message.HouseholdId], cancellationToken)
            ?? throw new InvalidOperationException("HouseholdCorrected arrived before the household's registration; retrying.");
        recipient.Correct(message.Category, message.OccurredAt);
    }
}
