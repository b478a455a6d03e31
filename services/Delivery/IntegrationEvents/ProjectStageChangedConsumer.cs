using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>Keeps each purchase project's latest stage, so no new work order is made under a project that failed 验收 or is 结项.</summary>
public sealed class ProjectStageChangedConsumer(DeliveryDbContext db, ILogger<ProjectStageChangedConsumer> logger)
    : IdempotentConsumer<ProjectStageChanged, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(ProjectStageChanged m, CancellationToken cancellationToken)
    {
        var standing = await Db.ProjectStandings.FindAsync([m.Year, m.ProjectCode], cancellationToken);
        if (standing is null)
        {
            standing = ProjectStanding.Learn(m.Year, m.ProjectCode);
            Db.ProjectStandings.Add(standing);
        }

        standing.Changed(m.ToStage, m.Outcome, m.OccurredAt);
    }
}
