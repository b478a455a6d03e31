using RabbitMQ.Client;

namespace ReliefPlatform.Messaging.ErrorQueues;

/// <summary>
/// Moves the messages MassTransit parked in <c>&lt;queue&gt;_error</c> (after its bounded retry) back to
/// <c>&lt;queue&gt;</c>, once the cause is fixed. Each message is acked from the error queue only after the
/// broker confirmed its copy on the work queue, so a failed replay loses nothing; the fault headers are
/// dropped so the message looks as it did first. A replayed message that was in fact applied is
/// harmless: the consumer's inbox ignores it.
/// </summary>
public sealed class ErrorQueueReplayer(BrokerAddress broker)
{
    /// <summary>The fault header MassTransit writes on a parked message: the exception's full type name.</summary>
    public const string FaultExceptionTypeHeader = "MT-Fault-ExceptionType";

    /// <summary>When a waiting event was first parked (Unix milliseconds), carried across its replays.</summary>
    public const string WaitingSinceHeader = "relief-waiting-since";

    /// <summary>How many times a waiting event was given back to its consumer.</summary>
    public const string WaitsHeader = "relief-waits";

    /// <summary>Moves every parked message of <paramref name="queue"/> back to work (an operator's replay).</summary>
    public async Task<int> ReplayAsync(string queue, CancellationToken cancellationToken) =>
        (await ReplayAsync([queue], (_, _) => Replay.Now, int.MaxValue, cancellationToken))[queue].Replayed;

    /// <summary>What to do with one parked message, decided from its headers.</summary>
    public enum Replay
    {
        Now,
        Leave,
    }

    /// <summary>What a selective replay did with a queue's parked messages.</summary>
    public sealed record Outcome(int Replayed, int Left);

    /// <summary>
    /// Moves the parked messages of each of <paramref name="queues"/> that <paramref name="choose"/> picks (given the queue and the message's headers) back to work; the
    /// others stay parked as they were (held unacknowledged while the queue is read, then returned to it). One connection
    /// serves all the queues; an empty or missing error queue costs one passive declare and no read. Of each queue, only
    /// the messages parked when its turn came are read, and at most <paramref name="mostPerQueue"/> of them: what is
    /// parked meanwhile (a replayed event that still waits comes back) is the next replay's.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Outcome>> ReplayAsync(
        IReadOnlyCollection<string> queues, Func<string, IDictionary<string, object?>, Replay> choose, int mostPerQueue, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        await using var connection = await broker.ConnectAsync("error-queue-replay", cancellationToken);
        foreach (var queue in queues)
        {
            var parked = await ParkedAsync(connection, $"{queue}_error", cancellationToken);
            outcomes[queue] = parked == 0
                ? new Outcome(0, 0)
                : await ReplayAsync(connection, queue, choose, (int)Math.Min(parked, (uint)Math.Max(mostPerQueue, 0)), cancellationToken);
        }

        return outcomes;
    }

    private static async Task<Outcome> ReplayAsync(
        IConnection connection, string queue, Func<string, IDictionary<string, object?>, Replay> choose, int most, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var errorQueue = $"{queue}_error";
        var (moved, left) = (0, new List<ulong>());
        try
        {
            while (moved + left.Count < most && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
            {
                var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
                if (choose(queue, headers) == Replay.Leave)
                {
                    left.Add(message.DeliveryTag);
                    continue;
                }

                var properties = new BasicProperties(message.BasicProperties)
                {
                    Headers = headers
                        .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                        .ToDictionary(h => h.Key, h => h.Value),
                };
                if (IsWaiting(headers))
                {
                    // The event goes on waiting: it keeps when it started and counts its turns.
                    properties.Headers[WaitingSinceHeader] = WaitingSince(headers) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    properties.Headers[WaitsHeader] = Waits(headers) + 1;
                }

                await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                moved++;
            }
        }
        finally
        {
            foreach (var tag in left)
            {
                await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
            }
        }

        return new Outcome(moved, left.Count);
    }

    /// <summary>Whether a parked message failed because what it builds on had not arrived (<see cref="PrerequisiteNotArrivedException"/>).</summary>
    public static bool IsWaiting(IDictionary<string, object?> headers) =>
        Text(headers, FaultExceptionTypeHeader) == typeof(PrerequisiteNotArrivedException).FullName;

    /// <summary>When a waiting event first waited (Unix milliseconds), if it has been replayed before.</summary>
    public static long? WaitingSince(IDictionary<string, object?> headers) =>
        headers.TryGetValue(WaitingSinceHeader, out var value) && value is long or int ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static int Waits(IDictionary<string, object?> headers) =>
        headers.TryGetValue(WaitsHeader, out var value) && value is int or long ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string? Text(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value)
        ? value switch
        {
            byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
            string text => text,
            _ => value?.ToString(),
        }
        : null;

    /// <returns>How many messages <paramref name="errorQueue"/> holds (0 when it does not exist).</returns>
    private static async Task<uint> ParkedAsync(IConnection connection, string errorQueue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel, so probe on a channel of its own.
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await probe.QueueDeclarePassiveAsync(errorQueue, cancellationToken)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }
}
