namespace ReliefPlatform.Contracts;

/// <summary>
/// An event that concerns one township. It travels under its township's code as the routing key, so each township
/// centre's queues receive only their own township's events (and the county-wide ones); a centre still applies only
/// those with its own code.
/// </summary>
public interface ITownshipEvent : IIntegrationEvent
{
    /// <summary>The routing key of an event every township centre receives (one that concerns more than one township).</summary>
    public const string CountyWide = "county";

    string TownshipCode { get; }

    /// <summary>The key the event is published under: its township's code, or <see cref="CountyWide"/>.</summary>
    string RoutingKey => TownshipCode;
}
