using System.Collections.Concurrent;

namespace ReliefPlatform.Messaging.ErrorQueues;

/// <summary>The queues this service consumes from, recorded as the bus configures them; their faults go to <c>&lt;queue&gt;_error</c>.</summary>
public sealed class ReceiveEndpointRegistry
{
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Queues => _queues.Keys.Order(StringComparer.Ordinal).ToList();

    public void Add(string queue) => _queues.TryAdd(queue, 0);
}
