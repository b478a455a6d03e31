using ReliefPlatform.Contracts;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.IntegrationEvents;

/// <summary>
/// A consumer of the hub's township events: every instance receives every event on its own queue and applies
/// only its own township's — once, through the inbox.
/// </summary>
public abstract class TownshipEventConsumer<TEvent>(TownshipDbContext db, CurrentTownship township, ILogger logger)
    : IdempotentConsumer<TEvent, TownshipDbContext>(db, logger)
    where TEvent : class, ITownshipEvent
{
    protected CurrentTownship Township { get; } = township;

    protected override bool ShouldHandle(TEvent message) => message.TownshipCode == Township.Code;
}
