namespace ReliefPlatform.Messaging.ErrorQueues;

/// <summary>How long events that came before their prerequisite wait, and how often they are tried again.</summary>
public sealed class WaitingEventOptions
{
    public const string Section = "Messaging:Waiting";

    /// <summary>How often the waiting events are given back to their consumers.</summary>
    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An event that has waited this long is left in its <c>_error</c> queue for an operator (the dashboard's replay
    /// command): what it waits for is not coming by itself.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);
}
