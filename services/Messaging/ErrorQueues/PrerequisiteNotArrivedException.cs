namespace ReliefPlatform.Messaging;

/// <summary>
/// Thrown by a consumer whose event came before what it builds on (a confirmation before its order's reservation, a
/// correction before the household's registration). The event is not done: MassTransit retries it at once a few times,
/// then parks it in the queue's <c>_error</c> queue, from where <see cref="ErrorQueues.WaitingEventReplayer"/> gives it
/// back to the consumer every <see cref="ErrorQueues.WaitingEventOptions.RetryEvery"/> until its prerequisite has come —
/// waiting, never dropped. The message names the event and what it waits for, never a person.
/// </summary>
public sealed class PrerequisiteNotArrivedException(string message) : Exception(message);

/// <summary>What a consumer may ask about the event it is given while it waits for its prerequisite.</summary>
public static class WaitingEvents
{
    /// <summary>
    /// Whether this is the event's very first try: not one of MassTransit's quick retries, and never given back by the
    /// <see cref="ErrorQueues.WaitingEventReplayer"/>. A consumer says once that an event waits, not at every turn.
    /// </summary>
    public static bool FirstTry(MassTransit.ConsumeContext context) =>
        MassTransit.RetryContextExtensions.GetRetryAttempt(context) == 0
        && !context.Headers.TryGetHeader(ErrorQueues.ErrorQueueReplayer.WaitsHeader, out _);
}
