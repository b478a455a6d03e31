using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Contracts;

namespace ReliefPlatform.Messaging.Routing;

/// <summary>
/// Township events reach only their own township's centre. The relay publishes an <see cref="ITownshipEvent"/> under its
/// <see cref="ITownshipEvent.RoutingKey"/> to the event type's exchange, which every hub consumer is bound to as before;
/// a township centre's queue is not bound to that exchange directly but through a direct exchange beside it
/// (<c>&lt;type&gt;.by-township</c>), with its own township's code and <see cref="ITownshipEvent.CountyWide"/> as the
/// binding keys. Sixteen centres then take one delivery of an order's event instead of sixteen, fifteen of them dropped.
/// </summary>
public static class TownshipRouting
{
    private static readonly RabbitMqMessageNameFormatter Names = new();

    /// <summary>The exchange MassTransit publishes <paramref name="eventType"/> to (<c>Namespace:Type</c>).</summary>
    public static string MessageExchangeOf(Type eventType) => Names.GetMessageName(eventType).ToString();

    /// <summary>The direct exchange between an event type's exchange and the township centres' queues.</summary>
    public static string ByTownshipExchangeOf(Type eventType) => $"{MessageExchangeOf(eventType)}.by-township";

    /// <summary>The routing key a message is published under: its township's (or county-wide) for a township event, none otherwise.</summary>
    public static string? RoutingKeyOf(object message) => (message as ITownshipEvent)?.RoutingKey;

    /// <summary>A township centre: its consumers of township events receive only this township's and the county-wide ones.</summary>
    public static IServiceCollection AddTownshipRouting(this IServiceCollection services, string townshipCode)
    {
        services.AddSingleton(new TownshipSubscription(townshipCode));
        services.AddHostedService<TownshipRoutingUpgrade>();
        return services;
    }

    /// <summary>A consumer of a township event whose queue is bound by township (<see cref="AddTownshipRouting"/> names the township).</summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddTownshipConsumer<TConsumer, TEvent>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer<TEvent>
        where TEvent : class, ITownshipEvent =>
        bus.AddConsumer<TConsumer, TownshipConsumerDefinition<TConsumer, TEvent>>();
}

/// <summary>The township a centre's queues are bound for, and the bindings its queues had before routing by township.</summary>
public sealed class TownshipSubscription(string townshipCode)
{
    public string TownshipCode { get; } = townshipCode;

    public IReadOnlyList<string> RoutingKeys { get; } = [townshipCode, ITownshipEvent.CountyWide];

    /// <summary>Each queue bound by township and the event exchange it used to be bound to directly (queue → exchange).</summary>
    internal ConcurrentDictionary<string, string> Queues { get; } = new(StringComparer.Ordinal);
}

/// <summary>Binds the consumer's queue to its event's <c>.by-township</c> exchange under the centre's keys, instead of to the event's exchange.</summary>
public sealed class TownshipConsumerDefinition<TConsumer, TEvent> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TEvent>
    where TEvent : class, ITownshipEvent
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Another transport (MassTransit's test harness) binds as usual: every event arrives and the consumer keeps its own.
        if (endpointConfigurator is not IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            return;
        }

        var subscription = context.GetRequiredService<TownshipSubscription>();
        var messageExchange = TownshipRouting.MessageExchangeOf(typeof(TEvent));
        rabbit.ConfigureConsumeTopology = false;
        foreach (var key in subscription.RoutingKeys)
        {
            rabbit.Bind(TownshipRouting.ByTownshipExchangeOf(typeof(TEvent)), byTownship =>
            {
                byTownship.ExchangeType = RabbitMQ.Client.ExchangeType.Direct;
                byTownship.RoutingKey = key;
                // The event's exchange as MassTransit declares it everywhere (fanout); left unsaid, it would take this one's type.
                byTownship.Bind(messageExchange, events => events.ExchangeType = RabbitMQ.Client.ExchangeType.Fanout);
            });
        }

        subscription.Queues[rabbit.InputAddress.AbsolutePath.Split('/')[^1]] = messageExchange;
    }
}
