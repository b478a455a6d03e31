namespace ReliefPlatform.Contracts;

/// <summary>
/// A past-tense fact one service tells the others. Carries ids, codes and amounts only — never names,
/// ID numbers, phone numbers or health details.
/// </summary>
public interface IIntegrationEvent
{
    DateTimeOffset OccurredAt { get; }
}
