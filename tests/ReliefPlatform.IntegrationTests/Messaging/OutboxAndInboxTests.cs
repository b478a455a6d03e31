using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>The outbox, relay and inbox against the county's real PostgreSQL and RabbitMQ.</summary>
[Collection(CountyCollection.Name)]
public sealed class OutboxAndInboxTests(CountyAppFixture county) : IAsyncLifetime, IDisposable
{
    private static readonly ActivitySource Requests = new("ReliefPlatform.IntegrationTests");
    private readonly string _prefix = $"it-{Guid.NewGuid():N}"[..15];
    private readonly DeliveryLog _log = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name.StartsWith("ReliefPlatform", StringComparison.Ordinal) || s.Name == "MassTransit",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private IHost? _consumer;

    public async Task InitializeAsync()
    {
        ActivitySource.AddActivityListener(_listener);
        _consumer = await MessagingHost.CreateAsync(county, $"{_prefix}-consumer", bus =>
        {
            bus.AddConsumer<WidgetRegisteredConsumer>().Endpoint(e => e.Temporary = true);
            bus.AddConsumer<WidgetRejectedConsumer>();
        }, log: _log);
        await _consumer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.StopAsync();
            _consumer.Dispose();
        }

    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Rows_committed_before_a_crash_are_published_when_the_service_comes_back_and_keep_the_request_trace()
    {
        using var producer = await MessagingHost.CreateAsync(county, $"{_prefix}-producer");
        ActivityTraceId requestTrace;
        using (var request = Requests.StartActivity("POST /widgets"))
        {
            requestTrace = request!.TraceId;
            await RegisterWidgetsAsync(producer, 25);
        }

        // The process "crashed" after commit: nothing was published, every row waits.
        Assert.Equal(25, await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL"));

        await producer.StartAsync();
        await MessagingHost.EventuallyAsync(
            async () => await _consumer!.CountAsync("SELECT count(*) FROM widget_seen") == 25, "25 widgets applied by the consumer");
        await MessagingHost.EventuallyAsync(
            async () => await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0, "no orphan outbox rows");
        await producer.StopAsync();

        Assert.Equal(25, await _consumer!.CountAsync("SELECT count(*) FROM inbox_messages"));
        Assert.All(_log.EffectTraces, trace => Assert.Equal(requestTrace, trace));
    }

    [Fact]
    public async Task A_confirm_lost_after_publishing_means_a_second_delivery_but_still_one_effect()
    {
        var publisher = new ConfirmLosingPublisher(losses: 10);
        using var producer = await MessagingHost.CreateAsync(county, $"{_prefix}-producer", overrides: services =>
            services.Replace(ServiceDescriptor.Singleton<IOutboxPublisher>(sp =>
                publisher.Wrapping(new MassTransitOutboxPublisher(sp.GetRequiredService<IBus>())))));
        await producer.StartAsync();

        await RegisterWidgetsAsync(producer, 10);

        await MessagingHost.EventuallyAsync(
            async () => await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0,
            "every row dispatched after its retry");
        await MessagingHost.EventuallyAsync(() => Task.FromResult(_log.Deliveries.Count == 20), "each message delivered twice");
        await producer.StopAsync();

        Assert.Equal(20, publisher.Published);
        Assert.Equal(10, await _consumer!.CountAsync("SELECT count(*) FROM widget_seen"));
        Assert.Equal(10, await _consumer!.CountAsync("SELECT count(DISTINCT \"WidgetId\") FROM widget_seen"));
    }

    [Fact]
    public async Task A_message_delivered_many_times_at_once_has_one_effect()
    {
        var bus = _consumer!.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();
        var widget = new WidgetRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bus.Publish(widget, c => c.MessageId = messageId)));

        await MessagingHost.EventuallyAsync(
            async () => _log.Deliveries.Count == 8 && await _consumer.CountAsync("SELECT count(*) FROM widget_seen") == 1,
            "eight deliveries and the first effect");
        // Let the duplicates that waited on the inbox row's lock finish; none may add a second effect.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, await _consumer.CountAsync("SELECT count(*) FROM widget_seen"));
        Assert.Equal(1, await _consumer.CountAsync("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_after_bounded_retries_and_can_be_replayed_once_fixed()
    {
        var bus = _consumer!.Services.GetRequiredService<IBus>();
        var queue = _consumer.Services.GetRequiredService<ReceiveEndpointRegistry>().Queues.Single(q => q.EndsWith("widget-rejected", StringComparison.Ordinal));
        var broker = new ConnectionFactory { Uri = new Uri(await county.ConnectionStringAsync(ResourceNames.Messaging)) };
        await using var connection = await broker.CreateConnectionAsync();
        try
        {
            await bus.Publish(new WidgetRejected(Guid.NewGuid(), DateTimeOffset.UtcNow));

            await MessagingHost.EventuallyAsync(
                async () => await MessageCountAsync(connection, $"{queue}_error") == 1, "the message parked in the _error queue");
            Assert.Equal(6, _log.PoisonAttempts); // the first attempt and five retries, then no crash loop

            // The service keeps working on other messages meanwhile.
            await bus.Publish(new WidgetRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow));
            await MessagingHost.EventuallyAsync(async () => await _consumer.CountAsync("SELECT count(*) FROM widget_seen") == 1, "a healthy message applied");

            _log.PoisonCured = true;
            var replayed = await _consumer.Services.GetRequiredService<ErrorQueueReplayer>().ReplayAsync(queue, CancellationToken.None);

            Assert.Equal(1, replayed);
            await MessagingHost.EventuallyAsync(() => Task.FromResult(_log.PoisonAttempts == 7), "the replayed message consumed");
            Assert.Equal(0u, await MessageCountAsync(connection, $"{queue}_error"));
        }
        finally
        {
            await using var cleanup = await connection.CreateChannelAsync();
            await cleanup.QueueDeleteAsync($"{queue}_error");
            await cleanup.QueueDeleteAsync(queue);
        }
    }

    [Fact]
    public async Task An_event_that_came_before_its_prerequisite_waits_in_the_error_queue_and_is_applied_by_itself_once_it_has_come()
    {
        var log = new DeliveryLog();
        using var service = await MessagingHost.CreateAsync(county, $"{_prefix}-waiting", bus =>
        {
            bus.AddConsumer<WidgetPaintedConsumer>();
            bus.AddConsumer<WidgetRejectedConsumer>();
        }, overrides: services => services.PostConfigure<WaitingEventOptions>(o => o.RetryEvery = TimeSpan.FromSeconds(1)), log: log);
        await service.StartAsync();
        var queues = service.Services.GetRequiredService<ReceiveEndpointRegistry>().Queues;
        var (painted, rejected) = (queues.Single(q => q.EndsWith("widget-painted", StringComparison.Ordinal)), queues.Single(q => q.EndsWith("widget-rejected", StringComparison.Ordinal)));
        var broker = new ConnectionFactory { Uri = new Uri(await county.ConnectionStringAsync(ResourceNames.Messaging)) };
        await using var connection = await broker.CreateConnectionAsync();
        try
        {
            var widget = Guid.NewGuid();
            // Sent to this service's own queues, so no other test's consumers see them.
            var bus = service.Services.GetRequiredService<IBus>();
            await (await bus.GetSendEndpoint(new Uri($"queue:{painted}"))).Send(new WidgetPainted(widget, DateTimeOffset.UtcNow));
            await (await bus.GetSendEndpoint(new Uri($"queue:{rejected}"))).Send(new WidgetRejected(Guid.NewGuid(), DateTimeOffset.UtcNow));

            // Past the quick retries the painting is parked, then given back again and again while its widget is unknown.
            await MessagingHost.EventuallyAsync(() => Task.FromResult(log.PaintAttempts > 12), "the painting tried again after it was parked", TimeSpan.FromSeconds(60));
            Assert.Equal(0, await service.CountAsync("SELECT count(*) FROM widget_seen"));

            // The widget is registered: the waiting painting is applied without anyone replaying it.
            await service.QueryAsync(db =>
            {
                db.Widgets.Add(new Widget { Id = widget });
                return db.SaveChangesAsync();
            });
            await MessagingHost.EventuallyAsync(async () => await service.CountAsync("SELECT count(*) FROM widget_seen") == 1, "the painting applied once its widget came", TimeSpan.FromSeconds(60));
            await MessagingHost.EventuallyAsync(async () => await MessageCountAsync(connection, $"{painted}_error") == 0, "nothing of the painting left parked");

            // A message that failed for another reason is not a waiting one: it stays parked for an operator, tried no more.
            Assert.Equal(1u, await MessageCountAsync(connection, $"{rejected}_error"));
            Assert.Equal(6, log.PoisonAttempts);
        }
        finally
        {
            await service.StopAsync();
            await using var cleanup = await connection.CreateChannelAsync();
            foreach (var queue in new[] { painted, rejected })
            {
                await cleanup.QueueDeleteAsync($"{queue}_error");
                await cleanup.QueueDeleteAsync(queue);
            }
        }
    }

    [Fact]
    public async Task An_event_that_has_waited_too_long_is_left_parked_for_an_operator()
    {
        var log = new DeliveryLog();
        using var service = await MessagingHost.CreateAsync(county, $"{_prefix}-overdue", bus => bus.AddConsumer<WidgetPaintedConsumer>(),
            overrides: services => services.PostConfigure<WaitingEventOptions>(o => (o.RetryEvery, o.GiveUpAfter) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))),
            log: log);
        await service.StartAsync();
        var painted = service.Services.GetRequiredService<ReceiveEndpointRegistry>().Queues.Single(q => q.EndsWith("widget-painted", StringComparison.Ordinal));
        var broker = new ConnectionFactory { Uri = new Uri(await county.ConnectionStringAsync(ResourceNames.Messaging)) };
        await using var connection = await broker.CreateConnectionAsync();
        try
        {
            var bus = service.Services.GetRequiredService<IBus>();
            await (await bus.GetSendEndpoint(new Uri($"queue:{painted}"))).Send(new WidgetPainted(Guid.NewGuid(), DateTimeOffset.UtcNow));
            await MessagingHost.EventuallyAsync(() => Task.FromResult(log.PaintAttempts > 6), "the painting given back once", TimeSpan.FromSeconds(60));

            // Once it has waited longer than the limit it is tried no more, and it is still there: nothing is lost.
            await MessagingHost.EventuallyAsync(async () =>
            {
                var before = log.PaintAttempts;
                await Task.Delay(TimeSpan.FromSeconds(4));
                return log.PaintAttempts == before && await MessageCountAsync(connection, $"{painted}_error") == 1;
            }, "the painting left parked", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await service.StopAsync();
            await using var cleanup = await connection.CreateChannelAsync();
            await cleanup.QueueDeleteAsync($"{painted}_error");
            await cleanup.QueueDeleteAsync(painted);
        }
    }

    [Fact]
    public async Task A_turn_gives_back_at_most_its_share_of_the_waiting_events_and_leaves_the_rest_parked_for_the_next()
    {
        var log = new DeliveryLog();
        // The background turns are an hour apart: this test takes the turns itself.
        using var service = await MessagingHost.CreateAsync(county, $"{_prefix}-share", bus => bus.AddConsumer<WidgetPaintedConsumer>(),
            overrides: services => services.PostConfigure<WaitingEventOptions>(o => (o.RetryEvery, o.MostPerTurn) = (TimeSpan.FromHours(1), 2)), log: log);
        await service.StartAsync();
        var painted = service.Services.GetRequiredService<ReceiveEndpointRegistry>().Queues.Single(q => q.EndsWith("widget-painted", StringComparison.Ordinal));
        var broker = new ConnectionFactory { Uri = new Uri(await county.ConnectionStringAsync(ResourceNames.Messaging)) };
        await using var connection = await broker.CreateConnectionAsync();
        try
        {
            var bus = service.Services.GetRequiredService<IBus>();
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{painted}"));
            for (var i = 0; i < 5; i++)
            {
                await endpoint.Send(new WidgetPainted(Guid.NewGuid(), DateTimeOffset.UtcNow));
            }

            await MessagingHost.EventuallyAsync(async () => await MessageCountAsync(connection, $"{painted}_error") == 5, "five paintings parked", TimeSpan.FromSeconds(90));
            var replayer = service.Services.GetRequiredService<WaitingEventReplayer>();
            Assert.Equal(2, await replayer.ReplayWaitingAsync(CancellationToken.None));
            Assert.Equal(3u, await MessageCountAsync(connection, $"{painted}_error"));

            // The next turn takes the next two; nothing is lost on the way: all five come back to be parked again.
            Assert.Equal(2, await replayer.ReplayWaitingAsync(CancellationToken.None));
            await MessagingHost.EventuallyAsync(async () => await MessageCountAsync(connection, $"{painted}_error") == 5, "all five parked again", TimeSpan.FromSeconds(90));
        }
        finally
        {
            await service.StopAsync();
            await using var cleanup = await connection.CreateChannelAsync();
            await cleanup.QueueDeleteAsync($"{painted}_error");
            await cleanup.QueueDeleteAsync(painted);
        }
    }

    private static async Task<uint> MessageCountAsync(IConnection connection, string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Publishes for real, then reports failure for the first N messages, as if the confirm got lost.</summary>
    [Fact]
    public async Task A_confirm_that_never_comes_does_not_hang_the_relay_the_row_is_retried_and_delivered()
    {
        // A broker killed with confirms outstanding may never answer them: the relay must give up on the wait, not on the row.
        var publisher = new ConfirmHangingPublisher(hangs: 3);
        using var producer = await MessagingHost.CreateAsync(county, $"{_prefix}-producer", overrides: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IOutboxPublisher>(sp => publisher.Wrapping(new MassTransitOutboxPublisher(sp.GetRequiredService<IBus>()))));
            services.PostConfigure<OutboxOptions>(o => o.PublishTimeout = TimeSpan.FromSeconds(1));
        });
        await producer.StartAsync();

        await RegisterWidgetsAsync(producer, 6);

        await MessagingHost.EventuallyAsync(
            async () => await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0,
            "every row dispatched, the three whose confirm never came after a retry");
        await MessagingHost.EventuallyAsync(async () => await _consumer!.CountAsync("SELECT count(DISTINCT \"WidgetId\") FROM widget_seen") == 6,
            "all six widgets applied");
        await producer.StopAsync();

        Assert.Equal(3, publisher.Hung);
        Assert.Equal(6, await _consumer!.CountAsync("SELECT count(*) FROM widget_seen"));
    }

    /// <summary>
    /// The broker away for a while (every publish refused): no row's backoff grows meanwhile, and the backlog is published
    /// within seconds of its return — with a row's own backoff it would wait for its next turn, minutes at worst.
    /// </summary>
    [Fact]
    public async Task Rows_written_while_the_broker_is_away_leave_within_seconds_of_its_return()
    {
        var publisher = new AwayBrokerPublisher();
        using var producer = await MessagingHost.CreateAsync(county, $"{_prefix}-producer", overrides: services =>
            services.Replace(ServiceDescriptor.Singleton<IOutboxPublisher>(sp => publisher.Wrapping(new MassTransitOutboxPublisher(sp.GetRequiredService<IBus>())))));
        await producer.StartAsync();

        await RegisterWidgetsAsync(producer, 5);

        // 20 s away: a row's own backoff (1, 2, 4, 8, 16 s…) would have put its next attempt ~30 s out by now.
        await Task.Delay(TimeSpan.FromSeconds(20));
        Assert.True(publisher.Refused >= 5, $"the relay kept trying while the broker was away ({publisher.Refused} publishes refused)");
        Assert.Equal(5, await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL"));
        Assert.Equal(0, await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE next_attempt_at > now() + interval '5 seconds'"));

        publisher.Back();
        await MessagingHost.EventuallyAsync(
            async () => await producer.CountAsync("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") == 0,
            "the backlog published once the broker is back", TimeSpan.FromSeconds(15));
        await MessagingHost.EventuallyAsync(async () => await _consumer!.CountAsync("SELECT count(DISTINCT \"WidgetId\") FROM widget_seen") == 5,
            "all five widgets applied");
        await producer.StopAsync();
    }

    /// <summary>Registers <paramref name="count"/> widgets, each with its event in the outbox, in one transaction.</summary>
    private static Task<int> RegisterWidgetsAsync(IHost producer, int count) =>
        producer.QueryAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var widget = new Widget { Id = Guid.NewGuid() };
                db.Widgets.Add(widget);
                db.AddIntegrationEvent(new WidgetRegistered(widget.Id, DateTimeOffset.UtcNow));
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>Publishes, then never completes the first <paramref name="hangs"/> publishes — a confirm that never arrives.</summary>
    private sealed class ConfirmHangingPublisher(int hangs)
    {
        private readonly int _hangs = hangs;
        private int _hung;

        public int Hung => Math.Min(Volatile.Read(ref _hung), _hangs);

        public IOutboxPublisher Wrapping(IOutboxPublisher inner) => new Wrapper(this, inner);

        private sealed class Wrapper(ConfirmHangingPublisher owner, IOutboxPublisher inner) : IOutboxPublisher
        {
            public async Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken)
            {
                await inner.PublishAsync(messageId, message, messageType, cancellationToken);
                if (Interlocked.Increment(ref owner._hung) <= owner._hangs)
                {
                    await new TaskCompletionSource().Task;
                }
            }
        }
    }

    /// <summary>Refuses every publish, as a broker that cannot be reached, until <see cref="Back"/>.</summary>
    private sealed class AwayBrokerPublisher
    {
        private int _refused;
        private volatile bool _back;

        public int Refused => Volatile.Read(ref _refused);

        public void Back() => _back = true;

        public IOutboxPublisher Wrapping(IOutboxPublisher inner) => new Wrapper(this, inner);

        private sealed class Wrapper(AwayBrokerPublisher owner, IOutboxPublisher inner) : IOutboxPublisher
        {
            public Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken)
            {
                if (owner._back)
                {
                    return inner.PublishAsync(messageId, message, messageType, cancellationToken);
                }

                Interlocked.Increment(ref owner._refused);
                throw new IOException("None of the specified endpoints were reachable.");
            }
        }
    }

    private sealed class ConfirmLosingPublisher(int losses)
    {
        private readonly int _losses = losses;
        private int _published;
        private int _lost;

        public int Published => Volatile.Read(ref _published);

        public IOutboxPublisher Wrapping(IOutboxPublisher inner) => new Wrapper(this, inner);

        private sealed class Wrapper(ConfirmLosingPublisher owner, IOutboxPublisher inner) : IOutboxPublisher
        {
            public async Task PublishAsync(Guid messageId, object message, Type messageType, CancellationToken cancellationToken)
            {
                await inner.PublishAsync(messageId, message, messageType, cancellationToken);
                Interlocked.Increment(ref owner._published);
                if (Interlocked.Increment(ref owner._lost) <= owner._losses)
                {
                    throw new IOException("Connection lost before the publisher confirm arrived.");
                }
            }
        }
    }
}
