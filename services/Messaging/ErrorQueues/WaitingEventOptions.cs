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

    /// <summary>
    /// At most this many parked messages of each queue are read in one turn (the waiting ones given back, the others
    /// returned to the queue as they were); the rest are the next turn's. Bounds a turn's work when many messages are parked.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int MostPerTurn { get; set; } = 1_000;
}
