using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using ReliefPlatform.Contracts;
using ReliefPlatform.Messaging.Routing;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// Issue 23's figure: deliveries to 16 township centres per flow, before and after routing by township. The county runs one
/// centre (衡山镇); each of the 16 townships gets two probe queues on the county's broker, bound as a centre's queues are:
/// <c>before</c> to every township event's exchange itself (as every centre was), <c>after</c> to its <c>.by-township</c>
/// exchange under the township's code and <c>county</c> (as <see cref="TownshipConsumerDefinition{TConsumer, TEvent}"/>
/// binds them now). The event types are those the running centre consumes: the ones whose <c>.by-township</c> exchange it
/// declared. The flows then run as in part (e); what each probe queue holds afterwards is what a centre would have received.
/// </summary>
internal static class RoutingBenchmark
{
    private const string Prefix = "bench-routing";

    public sealed record Result(
        int Townships, int Flows, IReadOnlyList<(string Event, long Published)> Events, long Before, long After, long OwnTownshipAfter);

    public static async Task<Result> RunAsync(
        string broker, IReadOnlyList<string> townships, string flowTownship, Func<Task<int>> runFlows)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync();
        var consumed = await ConsumedByCentresAsync(connection);
        await using var channel = await connection.CreateChannelAsync();
        // One queue per event type bound to its exchange: how many of each were published.
        foreach (var type in consumed)
        {
            await DeclareAsync(channel, $"{Prefix}-published-{type.Name}");
            await channel.QueueBindAsync($"{Prefix}-published-{type.Name}", TownshipRouting.MessageExchangeOf(type), "");
        }

        foreach (var code in townships)
        {
            await DeclareAsync(channel, $"{Prefix}-before-{code}");
            await DeclareAsync(channel, $"{Prefix}-after-{code}");
            foreach (var type in consumed)
            {
                await channel.QueueBindAsync($"{Prefix}-before-{code}", TownshipRouting.MessageExchangeOf(type), "");
                foreach (var key in new[] { code, ITownshipEvent.CountyWide })
                {
                    await channel.QueueBindAsync($"{Prefix}-after-{code}", TownshipRouting.ByTownshipExchangeOf(type), key);
                }
            }
        }

        var flows = await runFlows();
        // Events still on their way when the last order was assigned: counted once the queues stop growing.
        var counts = await SettledCountsAsync(channel, [.. consumed.Select(t => $"{Prefix}-published-{t.Name}"),
            .. townships.SelectMany(c => new[] { $"{Prefix}-before-{c}", $"{Prefix}-after-{c}" })]);
        foreach (var queue in counts.Keys)
        {
            await channel.QueueDeleteAsync(queue);
        }

        return new Result(townships.Count, flows,
            [.. consumed.Select(t => (t.Name, counts[$"{Prefix}-published-{t.Name}"])).Where(e => e.Item2 > 0)],
            townships.Sum(c => counts[$"{Prefix}-before-{c}"]), townships.Sum(c => counts[$"{Prefix}-after-{c}"]),
            counts[$"{Prefix}-after-{flowTownship}"]);
    }

    /// <summary>The township events a running centre consumes: those whose <c>.by-township</c> exchange exists.</summary>
    private static async Task<List<Type>> ConsumedByCentresAsync(IConnection connection)
    {
        var consumed = new List<Type>();
        foreach (var type in typeof(ITownshipEvent).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITownshipEvent).IsAssignableFrom(t)).OrderBy(t => t.Name))
        {
            // A passive declaration of a missing exchange closes its channel: one channel per question.
            await using var probe = await connection.CreateChannelAsync();
            try
            {
                await probe.ExchangeDeclarePassiveAsync(TownshipRouting.ByTownshipExchangeOf(type));
                consumed.Add(type);
            }
            catch (OperationInterruptedException)
            {
            }
        }

        return consumed.Count > 0 ? consumed : throw new InvalidOperationException("No township centre has bound its queues by township.");
    }

    private static Task<QueueDeclareOk> DeclareAsync(IChannel channel, string queue) =>
        channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);

    private static async Task<Dictionary<string, long>> SettledCountsAsync(IChannel channel, IReadOnlyList<string> queues)
    {
        Dictionary<string, long> previous = [];
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var counts = new Dictionary<string, long>();
            foreach (var queue in queues)
            {
                counts[queue] = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
            }

            if (counts.Count == previous.Count && counts.All(c => previous[c.Key] == c.Value))
            {
                return counts;
            }

            previous = counts;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return previous;
    }
}
