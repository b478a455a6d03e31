using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Funding.IntegrationEvents;

/// <summary>Records the hub's events as supervision facts, once each (through the inbox).</summary>
public abstract class SupervisionConsumer<TEvent>(FundingDbContext db, ILogger logger) : IdempotentConsumer<TEvent, FundingDbContext>(db, logger)
    where TEvent : class
{
    protected void Record(SupervisionFact fact) => Db.SupervisionFacts.Add(fact);

    /// <summary>
    /// The project an order was paid from, when its event does not say: from its OrderCreated fact — empty when that has not arrived yet, in which case
    /// <see cref="OrderCreatedFactConsumer"/> fills it in when it does.
    /// </summary>
    protected async Task<string> ProjectOfAsync(Guid workOrderId, CancellationToken cancellationToken) =>
        await Db.SupervisionFacts.Where(f => f.Kind == FactKind.OrderCreated && f.SubjectId == workOrderId).Select(f => f.ProjectCode)
            .FirstOrDefaultAsync(cancellationToken) ?? "";
}

public sealed class NeedsAssessedFactConsumer(FundingDbContext db, ILogger<NeedsAssessedFactConsumer> logger) : SupervisionConsumer<NeedsAssessed>(db, logger)
{
    protected override Task HandleAsync(NeedsAssessed message, CancellationToken cancellationToken)
    {
        Record(SupervisionFact.Record(FactKind.Assessed, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.AssessmentId));
        if (message.NeedCodes.Count > 0)
        {
            Record(SupervisionFact.Record(FactKind.NeedsIdentified, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.AssessmentId));
        }

        return Task.CompletedTask;
    }
}

/// <summary>An order's creation; the facts of the order heard before it (cancelled, delivered, confirmed) learn its project now.</summary>
public sealed class OrderCreatedFactConsumer(FundingDbContext db, ILogger<OrderCreatedFactConsumer> logger) : SupervisionConsumer<WorkOrderCreated>(db, logger)
{
    protected override async Task HandleAsync(WorkOrderCreated message, CancellationToken cancellationToken)
    {
        Record(SupervisionFact.Record(FactKind.OrderCreated, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.WorkOrderId,
            message.ItemCode, message.ProviderId, message.ProjectCode, amount: message.Amount, migrated: message.Migrated));
        var heardBefore = await Db.SupervisionFacts.Where(f => f.SubjectId == message.WorkOrderId && f.ProjectCode == "" && f.Kind != FactKind.OrderCreated)
            .ToListAsync(cancellationToken);
        heardBefore.ForEach(f => f.OfProject(message.ProjectCode));
    }
}

public sealed class OrderCancelledFactConsumer(FundingDbContext db, ILogger<OrderCancelledFactConsumer> logger) : SupervisionConsumer<WorkOrderCancelled>(db, logger)
{
    protected override async Task HandleAsync(WorkOrderCancelled message, CancellationToken cancellationToken) =>
        Record(SupervisionFact.Record(FactKind.OrderCancelled, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.WorkOrderId,
            projectCode: await ProjectOfAsync(message.WorkOrderId, cancellationToken)));
}

public sealed class DeliveredFactConsumer(FundingDbContext db, ILogger<DeliveredFactConsumer> logger) : SupervisionConsumer<ServiceDelivered>(db, logger)
{
    protected override async Task HandleAsync(ServiceDelivered message, CancellationToken cancellationToken) =>
        Record(SupervisionFact.Record(FactKind.Delivered, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.WorkOrderId,
            message.ItemCode, message.ProviderId, message.ProjectCode ?? await ProjectOfAsync(message.WorkOrderId, cancellationToken), minutes: message.Minutes,
            flaggedShort: message.FlaggedShort, recordFlags: message.Flags, migrated: message.Migrated));
}

public sealed class ConfirmedFactConsumer(FundingDbContext db, ILogger<ConfirmedFactConsumer> logger) : SupervisionConsumer<ServiceConfirmed>(db, logger)
{
    protected override async Task HandleAsync(ServiceConfirmed message, CancellationToken cancellationToken) =>
        Record(SupervisionFact.Record(FactKind.Confirmed, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.WorkOrderId,
            message.ItemCode, message.ProviderId, message.ProjectCode ?? await ProjectOfAsync(message.WorkOrderId, cancellationToken), message.Satisfaction, message.Minutes,
            message.Amount, migrated: message.Migrated));
}

public sealed class ComplaintRaisedFactConsumer(FundingDbContext db, ILogger<ComplaintRaisedFactConsumer> logger) : SupervisionConsumer<ComplaintRaised>(db, logger)
{
    protected override async Task HandleAsync(ComplaintRaised message, CancellationToken cancellationToken)
    {
        Record(SupervisionFact.Record(FactKind.ComplaintRaised, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.ComplaintId));
        var closedFirst = await Db.SupervisionFacts.Where(f => f.Kind == FactKind.ComplaintClosed && f.SubjectId == message.ComplaintId)
            .ToListAsync(cancellationToken);
        closedFirst.ForEach(f => f.RaisedAt(message.OccurredAt));
    }
}

public sealed class ComplaintClosedFactConsumer(FundingDbContext db, ILogger<ComplaintClosedFactConsumer> logger) : SupervisionConsumer<ComplaintClosed>(db, logger)
{
    protected override async Task HandleAsync(ComplaintClosed message, CancellationToken cancellationToken)
    {
        var raisedAt = await Db.SupervisionFacts.Where(f => f.Kind == FactKind.ComplaintRaised && f.SubjectId == message.ComplaintId)
            .Select(f => (DateTimeOffset?)f.At).FirstOrDefaultAsync(cancellationToken);
        Record(SupervisionFact.Record(FactKind.ComplaintClosed, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.ComplaintId,
            days: raisedAt is { } at ? SupervisionFact.DaysBetween(at, message.OccurredAt) : null));
    }
}

public sealed class NeedUnmetFactConsumer(FundingDbContext db, ILogger<NeedUnmetFactConsumer> logger) : SupervisionConsumer<ServiceNeedUnmatched>(db, logger)
{
    protected override Task HandleAsync(ServiceNeedUnmatched message, CancellationToken cancellationToken)
    {
        Record(SupervisionFact.Record(FactKind.NeedUnmet, message.OccurredAt, message.TownshipCode, message.HouseholdId, message.PlanId, message.ItemCode));
        return Task.CompletedTask;
    }
}
