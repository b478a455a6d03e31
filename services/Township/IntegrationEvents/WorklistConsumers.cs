using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Township.Domain.Worklist;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>A discovery alert becomes a visit on the worklist, due when the alert says.</summary>
public sealed class DiscoveryAlertRaisedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<DiscoveryAlertRaisedConsumer> logger)
    : TownshipEventConsumer<DiscoveryAlertRaised>(db, township, logger)
{
    protected override Task HandleAsync(DiscoveryAlertRaised message, CancellationToken cancellationToken) =>
        Worklist.RaiseVisitAsync(Db, VisitTaskKind.DiscoveryVisit, message.HouseholdId, message.VillageCode, message.AlertId, message.Rule, message.VisitDueOn,
            message.OccurredAt, cancellationToken);
}

/// <summary>A reassessment falling due becomes (or moves) the household's one open reassessment visit.</summary>
public sealed class ReassessmentDueConsumer(TownshipDbContext db, CurrentTownship township, ILogger<ReassessmentDueConsumer> logger)
    : TownshipEventConsumer<ReassessmentDue>(db, township, logger)
{
    protected override Task HandleAsync(ReassessmentDue message, CancellationToken cancellationToken) =>
        Worklist.RaiseVisitAsync(Db, VisitTaskKind.Reassessment, message.HouseholdId, message.VillageCode, message.HouseholdId, message.Degree, message.DueOn,
            message.OccurredAt, cancellationToken);
}

/// <summary>
/// An approved assessment: the household's degree and next reassessment are known, and the visits it answers —
/// the discovery and reassessment visits raised before it — are done (the hub closes the alerts by the same rule).
/// It may arrive before the household's registration: the household is then known by id and village until that comes.
/// </summary>
public sealed class NeedsAssessedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<NeedsAssessedConsumer> logger)
    : TownshipEventConsumer<NeedsAssessed>(db, township, logger)
{
    protected override async Task HandleAsync(NeedsAssessed message, CancellationToken cancellationToken)
    {
        var household = await LocalHouseholds.FindOrHearOfAsync(Db, message.HouseholdId, message.VillageCode, message.OccurredAt, cancellationToken);
        household.Assessed(message.Degree, message.ReassessmentDueOn, message.OccurredAt);
        var answered = await Db.Tasks.Where(t => t.HouseholdId == message.HouseholdId && t.State == VisitTaskState.Open && t.RaisedAt <= message.OccurredAt
            && (t.Kind == VisitTaskKind.DiscoveryVisit || t.Kind == VisitTaskKind.Reassessment)).ToListAsync(cancellationToken);
        answered.ForEach(t => t.Complete(Worklist.AnsweredByAssessment, message.OccurredAt));
    }
}

internal static class Worklist
{
    public const string AnsweredByAssessment = "assessment";

    /// <summary>
    /// Raises a visit of a discovery alert or a reassessment — done at once when an assessment approved after it was
    /// heard first (the assessment answered it), otherwise as <see cref="RaiseAsync"/>.
    /// </summary>
    public static async Task RaiseVisitAsync(
        TownshipDbContext db, VisitTaskKind kind, Guid householdId, string villageCode, Guid sourceId, string reason, DateOnly dueOn, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var assessedAt = await db.Households.Where(h => h.HouseholdId == householdId).Select(h => h.AssessedAt).FirstOrDefaultAsync(cancellationToken);
        if (assessedAt is { } assessed && assessed >= at)
        {
            var task = VisitTask.Raise(kind, householdId, villageCode, sourceId, reason, dueOn, at);
            task.Complete(AnsweredByAssessment, assessed);
            db.Tasks.Add(task);
            return;
        }

        await RaiseAsync(db, kind, householdId, villageCode, sourceId, reason, dueOn, at, cancellationToken);
    }

    /// <summary>Raises a task, or — when the same situation already has an open one — moves its due date.</summary>
    public static async Task RaiseAsync(
        TownshipDbContext db, VisitTaskKind kind, Guid householdId, string villageCode, Guid sourceId, string reason, DateOnly dueOn, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var open = await db.Tasks.FirstOrDefaultAsync(t => t.Kind == kind && t.SourceId == sourceId && t.State == VisitTaskState.Open, cancellationToken);
        if (open is null)
        {
            db.Tasks.Add(VisitTask.Raise(kind, householdId, villageCode, sourceId, reason, dueOn, at));
        }
        else
        {
            open.Reschedule(dueOn, reason);
        }
    }
}
