using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using ReliefPlatform.Contracts;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Messaging.Routing;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>
/// Township events through the county's real RabbitMQ: a township centre's queue receives its own township's events and
/// the county-wide ones, nothing of another township's; a hub consumer of the same event still receives every one; and a
/// centre that ran before routing by township, bound to every event, receives only its own after its next start.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class TownshipRoutingTests(CountyAppFixture county) : IAsyncLifetime
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525103";

    private readonly string _prefix = $"it-{Guid.NewGuid():N}"[..15];
    private readonly List<IHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var queues = _hosts.SelectMany(h => h.Services.GetRequiredService<ReceiveEndpointRegistry>().Queues).Distinct().ToList();
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await using var connection = await new ConnectionFactory { Uri = new Uri(await county.ConnectionStringAsync(ResourceNames.Messaging)) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in queues)
        {
            await channel.QueueDeleteAsync(queue);
            await channel.ExchangeDeleteAsync(queue);
        }
    }

    [Fact]
    public async Task A_centre_receives_its_own_townships_events_and_the_county_wide_ones_and_a_hub_consumer_receives_all()
    {
        var (hengshan, foziling, hub) = (new Received(), new Received(), new Received());
        await StartCentreAsync("hengshan", Hengshan, hengshan);
        await StartCentreAsync("foziling", Foziling, foziling);
        var hubHost = await StartAsync("hub", bus => bus.AddConsumer<WidgetDeliveredConsumer>(), hub);

        var forHengshan = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var forFoziling = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var moved = Guid.NewGuid();
        await PublishThroughTheOutboxAsync(db =>
        {
            foreach (var (id, township) in forHengshan.Select(id => (id, Hengshan)).Concat(forFoziling.Select(id => (id, Foziling))))
            {
                db.AddIntegrationEvent(new WidgetDelivered(id, township));
            }

            db.AddIntegrationEvent(new WidgetMovedAcross(moved, Foziling, Hengshan));
        });
        // Published on a bus directly, not through an outbox (the benchmark's bus does this): routed by its township all the same.
        var direct = Guid.NewGuid();
        await hubHost.Services.GetRequiredService<IBus>().Publish(new WidgetDelivered(direct, Hengshan));
        forHengshan = [.. forHengshan, direct];

        await MessagingHost.EventuallyAsync(
            () => Task.FromResult(hub.Count == 6 && hengshan.Count == 5 && foziling.Count == 3), "each event delivered where it belongs");
        // Anything routed wrongly would have come by now with the rest; wait a moment more to see that nothing else comes.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(forHengshan.Append(moved).Order(), hengshan.Ids.Order());
        Assert.Equal(forFoziling.Append(moved).Order(), foziling.Ids.Order());
        Assert.Equal(forHengshan.Concat(forFoziling).Order(), hub.Ids.Order());
    }

    [Fact]
    public async Task A_centre_that_received_every_townships_events_before_receives_only_its_own_after_its_next_start()
    {
        // The centre as it ran before: its queue bound to the event's exchange itself.
        var before = new Received();
        var old = await StartAsync("upgraded", bus => bus.AddConsumer<WidgetDeliveredConsumer>(), before);
        var other = Guid.NewGuid();
        await PublishThroughTheOutboxAsync(db => db.AddIntegrationEvent(new WidgetDelivered(other, Foziling)));
        await MessagingHost.EventuallyAsync(() => Task.FromResult(before.Count == 1), "another township's event delivered to the old binding");
        await old.StopAsync();

        // The same queue, started with routing by township: the old binding is removed once the new ones are in place.
        var after = new Received();
        var centre = await StartCentreAsync("upgraded", Hengshan, after);
        await centre.Services.GetServices<IHostedService>().OfType<TownshipRoutingUpgrade>().Single().ExecuteTask!;

        var own = Guid.NewGuid();
        await PublishThroughTheOutboxAsync(db =>
        {
            db.AddIntegrationEvent(new WidgetDelivered(Guid.NewGuid(), Foziling));
            db.AddIntegrationEvent(new WidgetDelivered(own, Hengshan));
        });
        await MessagingHost.EventuallyAsync(() => Task.FromResult(after.Count >= 1), "its own township's event delivered");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal([own], after.Ids);
    }

    private Task<IHost> StartCentreAsync(string name, string townshipCode, Received received) =>
        StartAsync(name, bus =>
        {
            bus.AddTownshipConsumer<WidgetDeliveredConsumer, WidgetDelivered>();
            bus.AddTownshipConsumer<WidgetMovedAcrossConsumer, WidgetMovedAcross>();
        }, received, services => services.AddTownshipRouting(townshipCode));

    private async Task<IHost> StartAsync(string name, Action<IBusRegistrationConfigurator> consumers, Received received, Action<IServiceCollection>? routing = null)
    {
        var host = await MessagingHost.CreateAsync(county, $"{_prefix}-{name}", consumers, services =>
        {
            services.AddSingleton(received);
            routing?.Invoke(services);
        });
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private async Task PublishThroughTheOutboxAsync(Action<WidgetDbContext> stage)
    {
        var producer = await MessagingHost.CreateAsync(county, $"{_prefix}-producer");
        _hosts.Add(producer);
        await producer.QueryAsync(db =>
        {
            stage(db);
            return db.SaveChangesAsync();
        });
        await producer.StartAsync();
        await MessagingHost.EventuallyAsync(
            async () => await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0, "every event published");
        await producer.StopAsync();
    }
}

/// <summary>A test-only township event.</summary>
public sealed record WidgetDelivered(Guid WidgetId, string TownshipCode) : ITownshipEvent
{
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A test-only township event that concerns two townships, so it goes to every centre.</summary>
public sealed record WidgetMovedAcross(Guid WidgetId, string FromTownshipCode, string TownshipCode) : ITownshipEvent
{
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    string ITownshipEvent.RoutingKey => ITownshipEvent.CountyWide;
}

/// <summary>The widget ids one host's consumers received.</summary>
public sealed class Received
{
    private readonly ConcurrentQueue<Guid> _ids = new();

    public int Count => _ids.Count;

    public IReadOnlyList<Guid> Ids => [.. _ids];

    public void Add(Guid id) => _ids.Enqueue(id);
}

public sealed class WidgetDeliveredConsumer(Received received) : IConsumer<WidgetDelivered>
{
    public Task Consume(ConsumeContext<WidgetDelivered> context)
    {
        received.Add(context.Message.WidgetId);
        return Task.CompletedTask;
    }
}

public sealed class WidgetMovedAcrossConsumer(Received received) : IConsumer<WidgetMovedAcross>
{
    public Task Consume(ConsumeContext<WidgetMovedAcross> context)
    {
        received.Add(context.Message.WidgetId);
        return Task.CompletedTask;
    }
}
