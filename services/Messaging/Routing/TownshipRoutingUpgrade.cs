using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace ReliefPlatform.Messaging.Routing;

/// <summary>
/// A centre that ran before routing by township left its queues bound to the event exchanges directly (every township's
/// events); those bindings stay on the broker until removed. Once the bus has started — the by-township bindings are in
/// place, so no event falls between the two — each such old binding is removed. Removing one that is not there is no error.
/// </summary>
internal sealed partial class TownshipRoutingUpgrade(
    TownshipSubscription subscription, BrokerAddress broker, ILogger<TownshipRoutingUpgrade> logger) : BackgroundService
{
    // Registered after MassTransit's hosted service, which waits until the bus has started (MassTransitHostOptions.WaitUntilStarted).
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await UnbindOldAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left bound, the queue still receives every township's events and the consumers keep only their own: slower, not wrong.
            LogNotUnbound(logger, e.GetType().Name);
        }
    }

    private async Task UnbindOldAsync(CancellationToken stoppingToken)
    {
        await using var connection = await broker.ConnectAsync("township-routing-upgrade", stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        foreach (var (queue, messageExchange) in subscription.Queues)
        {
            // The endpoint's own exchange carries the queue's name; the old binding ran from the event's exchange to it.
            await channel.ExchangeUnbindAsync(destination: queue, source: messageExchange, routingKey: "", cancellationToken: stoppingToken);
        }

        LogUnbound(logger, subscription.Queues.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing by township: the queues' old bindings could not be removed ({Error}); they receive every township's events until the next start")]
    private static partial void LogNotUnbound(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing by township: {Queues} queues receive only their township's events")]
    private static partial void LogUnbound(ILogger logger, int queues);
}
