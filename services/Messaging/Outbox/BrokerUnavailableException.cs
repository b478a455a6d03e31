namespace ReliefPlatform.Messaging.Outbox;

/// <summary>
/// A relay pass in which not one row of the batch reached the broker: the relay retries the batch within seconds
/// (½ s, 1 s, 2 s, 4 s, then every 5 s) instead of pushing each row's backoff out.
/// </summary>
public sealed class BrokerUnavailableException(int claimed, string firstError)
    : Exception($"None of {claimed} outbox rows reached the broker; first error: {firstError}");
