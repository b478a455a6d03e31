using MassTransit;
using ReliefPlatform.Messaging.Routing;

namespace ReliefPlatform.Messaging.Outbox;

/// <summary>Publishes one outbox row; the returned task completes only when the broker has confirmed it.</summary>
public interface IOutboxPublisher
{
    Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken);
}

/// <summary>
/// MassTransit on RabbitMQ with publisher confirms (the transport's default): Publish completes on the broker's ack. A
/// township event goes under its township's routing key (<see cref="TownshipRouting"/>; the bus's publish pipe sets it).
/// </summary>
public sealed class MassTransitOutboxPublisher(IBus bus) : IOutboxPublisher
{
    public Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken) =>
        bus.Publish(message, messageType, context => context.MessageId = messageId, cancellationToken);
}
