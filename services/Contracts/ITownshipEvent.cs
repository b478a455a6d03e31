namespace ReliefPlatform.Contracts;

/// <summary>An event that concerns one township; a Township instance consumes only those with its own code.</summary>
public interface ITownshipEvent : IIntegrationEvent
{
    string TownshipCode { get; }
}
