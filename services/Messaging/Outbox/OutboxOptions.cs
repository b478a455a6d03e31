namespace ReliefPlatform.Messaging.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>Rows claimed and published together; their confirms are awaited concurrently.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Dispatch loops per process. They never share a row (SKIP LOCKED), and while one waits for its
    /// confirms another claims or marks, so the database round-trips hide behind the broker's.
    /// </summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How long the relay sleeps when nothing signals it; bounds the delay of retries.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the other dispatch loops sleep when nothing signals them (the first loop's poll finds what is due).</summary>
    public TimeSpan HelperIdleInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a batch's publishes may wait for the broker's confirms. A broker that dies with confirms outstanding may never
    /// answer them; past this the row counts as failed and is retried (a consumer's inbox absorbs the duplicate if it
    /// did arrive), so the relay never hangs on a connection that is gone.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Dispatched outbox rows and inbox records are kept this long, then swept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
