using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// An approved assessment drafts the household's service plan: the catalogue's matching (<see cref="CatalogueMatching"/>,
/// with the household's matching profile so member conditions and the overlap rules apply) proposes every eligible item
/// as a line at the standard that applies, and the whole answer is kept so staff can read why each item matched or not.
/// The plan lasts until the reassessment the assessment set. The household's earlier plans are superseded;
/// ServicePlanDrafted puts it in the caseworkers' queue. If Catalogue cannot answer, or Assessment cannot, the message is
/// retried; nothing is lost.
/// </summary>
public sealed class ServicePlanDrafter(DeliveryDbContext db, CatalogueMatching matching, TimeProvider time, ILogger<ServicePlanDrafter> logger)
    : IdempotentConsumer<NeedsAssessed, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(NeedsAssessed message, CancellationToken cancellationToken)
    {
        var recipient = await Db.Recipients.FindAsync([message.HouseholdId], cancellationToken)
            ?? throw new PrerequisiteNotArrivedException("NeedsAssessed arrived before the household's registration; it waits for it.");
        var answer = await matching.MatchAsync(message.HouseholdId, message.TownshipCode, recipient.Category, message.Degree, message.DifficultyTypes,
            message.NeedCodes, cancellationToken);
        var proposals = answer.Proposals.ToList();

        foreach (var earlier in await Db.Plans.Where(p => p.HouseholdId == message.HouseholdId && p.Status != PlanStatus.Superseded).ToListAsync(cancellationToken))
        {
            earlier.Supersede();
        }

        var plan = ServicePlan.Draft(message.HouseholdId, message.TownshipCode, message.AssessmentId, answer.Version, proposals, answer.Considered,
            time.GetUtcNow(), message.ReassessmentDueOn);
        Db.Plans.Add(plan);
        Db.AddIntegrationEvent(new ServicePlanDrafted(plan.Id, plan.HouseholdId, plan.TownshipCode, plan.AssessmentId,
            [.. proposals.Select(p => p.ItemCode)], plan.DraftedAt));
    }
}
