using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>An approved assessment gives the recipient the needs Delivery will plan services for.</summary>
public sealed class NeedsAssessedConsumer(DeliveryDbContext db, ILogger<NeedsAssessedConsumer> logger)
    : IdempotentConsumer<NeedsAssessed, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(NeedsAssessed message, CancellationToken cancellationToken)
    {
        // The registration may still be on its way; throwing lets the bounded retry wait for it.
        var recipient = await Db.Recipients.FindAsync([message.HouseholdId], cancellationToken)
            ?? throw new PrerequisiteNotArrivedException("NeedsAssessed arrived before the household's registration; it waits for it.");
        recipient.RecordNeeds(message.AssessmentId, message.Degree, message.DifficultyTypes, message.NeedCodes, message.OccurredAt);
    }
}
