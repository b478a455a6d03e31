using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Township.Domain.Worklist;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>
/// A household moved between townships. The centre it left hands it over: it leaves the lists, and its open visits are
/// closed as moved away. The centre it moved to takes it over: it appears in the lists as the registry gives it, with a
/// visit to reassess its needs where it lives now. Either may hear of the move before the household's other events.
/// </summary>
public sealed class HouseholdMovedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<HouseholdMovedConsumer> logger)
    : TownshipEventConsumer<HouseholdMoved>(db, township, logger)
{
    public const string MovedAway = "moved-away";

    protected override bool ShouldHandle(HouseholdMoved message) => message.TownshipCode == Township.Code || message.FromTownshipCode == Township.Code;

    protected override async Task HandleAsync(HouseholdMoved message, CancellationToken cancellationToken)
    {
        var household = await LocalHouseholds.FindOrHearOfAsync(Db, message.HouseholdId, message.VillageCode, message.OccurredAt, cancellationToken);
        if (message.TownshipCode == Township.Code)
        {
            household.MovedIn(message.VillageCode, message.Category, message.MemberCount, message.Degree, message.OccurredAt);
            await Worklist.RaiseAsync(Db, VisitTaskKind.Reassessment, message.HouseholdId, message.VillageCode, message.HouseholdId, "moved-in",
                message.ReassessOn, message.OccurredAt, cancellationToken);
            return;
        }

        household.MovedAway(message.OccurredAt);
        var open = await Db.Tasks.Where(t => t.HouseholdId == message.HouseholdId && t.State == VisitTaskState.Open && t.RaisedAt <= message.OccurredAt)
            .ToListAsync(cancellationToken);
        open.ForEach(t => t.Complete(MovedAway, message.OccurredAt));
    }
}

/// <summary>A registry correction of one of this township's households (members, category, village): the local picture follows.</summary>
public sealed class HouseholdCorrectedConsumer(TownshipDbContext db, CurrentTownship township, ILogger<HouseholdCorrectedConsumer> logger)
    : TownshipEventConsumer<HouseholdCorrected>(db, township, logger)
{
    protected override async Task HandleAsync(HouseholdCorrected message, CancellationToken cancellationToken) =>
        (await LocalHouseholds.FindOrHearOfAsync(Db, message.HouseholdId, message.VillageCode, message.OccurredAt, cancellationToken))
            .Corrected(message.VillageCode, message.Category, message.MemberCount, message.OccurredAt);
}
