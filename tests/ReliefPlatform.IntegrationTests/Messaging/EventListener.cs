using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>
/// Listens on the county's RabbitMQ for the named integration events (temporary queues of its own) and keeps
/// what arrives, so a test can see that an event really left a service through its outbox and the broker.
/// </summary>
internal sealed class EventListener : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ReceivedEvents _received;

    private EventListener(IHost host, ReceivedEvents received) => (_host, _received) = (host, received);

    public static async Task<EventListener> StartAsync(CountyAppFixture county, params Type[] eventTypes)
    {
        var received = new ReceivedEvents();
        var host = await MessagingHost.CreateAsync(county, $"listener-{Guid.NewGuid():N}"[..20], bus =>
        {
            foreach (var type in eventTypes)
            {
                bus.AddConsumer(typeof(ReceivingConsumer<>).MakeGenericType(type)).Endpoint(e => e.Temporary = true);
            }
        }, services => services.AddSingleton(received));
        await host.StartAsync();
        return new EventListener(host, received);
    }

    /// <summary>Every event of type <typeparamref name="T"/> received so far.</summary>
    public IReadOnlyList<T> Received<T>() => [.. _received.All.OfType<T>()];

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public sealed class ReceivedEvents
    {
        public ConcurrentQueue<object> All { get; } = new();
    }

    public sealed class ReceivingConsumer<T>(ReceivedEvents received) : IConsumer<T>
        where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            received.All.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
