using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// (a) The outbox relay's confirmed publishes per second, beside a raw RabbitMQ.Client loop with
/// pipelined publisher confirms, both into a classic queue on the same broker; three interleaved rounds.
/// </summary>
internal static class RelayBenchmark
{
    private const string Exchange = "ReliefPlatform.Benchmarks:BenchmarkEventRecorded";

    public static async Task<(double Relay, double Raw, List<double> Relays, List<double> Raws)> RunAsync(string postgres, string broker, int messages)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync("benchmark");
        await using (var setup = await connection.CreateChannelAsync())
        {
            // The exchange MassTransit would create for the event, bound to a sink queue so messages are routed and stored.
            await setup.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
            await setup.QueueDeclareAsync("bench-relay-sink", durable: true, exclusive: false, autoDelete: false);
            await setup.QueueBindAsync("bench-relay-sink", Exchange, "");
            await setup.QueueDeclareAsync("bench-raw-sink", durable: true, exclusive: false, autoDelete: false);
        }

        // Both swing from run to run on a shared 2-core box: three interleaved rounds, the median of each.
        var raws = new List<double>();
        var relays = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            raws.Add(await RawPipelinedConfirmsAsync(connection, messages));
            relays.Add(await RelayAsync(postgres, broker, messages));
            await using var purge = await connection.CreateChannelAsync();
            await purge.QueuePurgeAsync("bench-raw-sink");
            await purge.QueuePurgeAsync("bench-relay-sink");
        }

        var raw = raws.Order().ElementAt(1);
        var relay = relays.Order().ElementAt(1);

        await using (var cleanup = await connection.CreateChannelAsync())
        {
            await cleanup.QueueDeleteAsync("bench-relay-sink");
            await cleanup.QueueDeleteAsync("bench-raw-sink");
        }

        return (relay, raw, relays, raws);
    }

    private static async Task<double> RawPipelinedConfirmsAsync(IConnection connection, int messages)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = Encoding.UTF8.GetBytes(IntegrationEventTypes.Serialize(Sample(), typeof(BenchmarkEventRecorded)));
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        const int window = 500;

        var watch = Stopwatch.StartNew();
        var inFlight = new List<Task>(window);
        for (var i = 0; i < messages; i++)
        {
            inFlight.Add(channel.BasicPublishAsync(string.Empty, "bench-raw-sink", false, properties, body).AsTask());
            if (inFlight.Count == window)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight);
        return messages / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RelayAsync(string postgres, string broker, int messages)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:benchdb"] = new NpgsqlConnectionStringBuilder(postgres) { Database = $"bench_{Guid.NewGuid():N}" }.ConnectionString,
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = broker,
        });
        builder.AddServiceDatabase<BenchDbContext>("benchdb");
        builder.AddMessaging<BenchDbContext>("bench");
        using var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
        }

        // The relay runs and idles; then a burst of rows commits in one transaction, as after a bulk
        // import. The clock runs from that commit to the last row confirmed and marked.
        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            for (var i = 0; i < messages; i++)
            {
                db.AddIntegrationEvent(Sample());
            }

            await db.SaveChangesAsync();
        }

        var watch = Stopwatch.StartNew();
        while (await PendingAsync(host) > 0)
        {
            await Task.Delay(20);
        }

        var elapsed = watch.Elapsed;
        await host.StopAsync();
        return messages / elapsed.TotalSeconds;
    }

    private static async Task<long> PendingAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        return await db.Set<OutboxMessage>().LongCountAsync(m => m.DispatchedAt == null);
    }

    private static BenchmarkEventRecorded Sample() =>
        new(Guid.CreateVersion7(), "341525100", "MinimumLivingGuarantee", 3, DateTimeOffset.UtcNow);
}
