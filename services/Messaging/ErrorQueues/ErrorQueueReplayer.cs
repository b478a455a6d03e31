using RabbitMQ.Client;

namespace ReliefPlatform.Messaging.ErrorQueues;

/// <summary>
/// Moves the messages MassTransit parked in <c>&lt;queue&gt;_error</c> (after its bounded retry) back to
/// <c>&lt;queue&gt;</c>, once the cause is fixed. Each message is acked from the error queue only after the
/// broker confirmed its copy on the work queue, so a failed replay loses nothing; the fault headers are
/// dropped so the message looks as it did first. A replayed message that was in fact applied is
/// harmless: the consumer's inbox ignores it.
/// </summary>
public sealed class ErrorQueueReplayer(Uri broker)
{
    public async Task<int> ReplayAsync(string queue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync("error-queue-replay", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);

        var errorQueue = $"{queue}_error";
        if (!await ExistsAsync(connection, errorQueue, cancellationToken))
        {
            return 0;
        }

        var moved = 0;
        while (await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            if (properties.Headers is { } headers)
            {
                properties.Headers = headers
                    .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                    .ToDictionary(h => h.Key, h => h.Value);
            }

            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private static async Task<bool> ExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel, so probe on a channel of its own.
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }
}
