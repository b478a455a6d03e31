using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ReliefPlatform.IntegrationTests.Ordering;

/// <summary>
/// One service's consumers over a database of their own on a real PostgreSQL (migrated as at start-up), fed
/// by MassTransit's in-memory test harness so a test decides exactly which event arrives when — and which arrives again.
/// </summary>
internal sealed class ConsumerBench<TDbContext> : IAsyncDisposable
    where TDbContext : DbContext
{
    private readonly ServiceProvider _services;
    private readonly ITestHarness _harness;
    private readonly ConsumeLog _log;
    private readonly IReadOnlyList<Type> _consumers;

    private ConsumerBench(ServiceProvider services, IReadOnlyList<Type> consumers)
    {
        _services = services;
        _harness = services.GetRequiredService<ITestHarness>();
        _log = services.GetRequiredService<ConsumeLog>();
        _consumers = consumers;
    }

    public static async Task<ConsumerBench<TDbContext>> StartAsync(
        PostgresServerFixture postgres, IReadOnlyList<Type> consumers, Action<IServiceCollection>? services = null)
    {
        var connectionString = postgres.NewDatabase();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(TimeProvider.System);
        collection.AddDbContext<TDbContext>(options => options.UseNpgsql(connectionString));
        services?.Invoke(collection);
        collection.AddSingleton<ConsumeLog>();
        collection.AddConsumeObserver<ConsumeLog>(provider => provider.GetRequiredService<ConsumeLog>());
        collection.AddMassTransitTestHarness(bus =>
        {
            foreach (var consumer in consumers)
            {
                bus.AddConsumer(consumer);
            }
        });
        var provider = collection.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TDbContext>().Database.MigrateAsync();
        }

        var bench = new ConsumerBench<TDbContext>(provider, consumers);
        await bench._harness.Start();
        return bench;
    }

    /// <summary>
    /// Delivers the events one after another, each taken by every consumer of its type (and their effects committed)
    /// before the next is sent. A consumer that fails fails the test: in service it would be retried, and a test of
    /// ordering must show the order itself is handled.
    /// </summary>
    public async Task DeliverAsync(IEnumerable<Delivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            var type = delivery.Event.GetType();
            var takers = _consumers.Count(c => typeof(IConsumer<>).MakeGenericType(type).IsAssignableFrom(c));
            Assert.True(takers > 0, $"no consumer here takes {type.Name}");
            var before = _log.Count(delivery.MessageId);
            await _harness.Bus.Publish(delivery.Event, type, context => context.MessageId = delivery.MessageId);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (_log.Count(delivery.MessageId) < before + takers)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{type.Name} was not consumed in 20 s");
                await Task.Delay(2);
            }

            if (_log.Failure(delivery.MessageId) is { } failure)
            {
                Assert.Fail($"{type.Name} failed: {failure.GetType().Name}: {failure.Message}");
            }
        }
    }

    /// <summary>Scopes of the bench's services (its database, clock and whatever the test added), for the service's sweepers.</summary>
    public IServiceScopeFactory Scopes => _services.GetRequiredService<IServiceScopeFactory>();

    public async Task<T> QueryAsync<T>(Func<TDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
    }

    /// <summary>How many times consumers have finished with each message, and whether the latest delivery failed.</summary>
    private sealed class ConsumeLog : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _done = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Exception> _failed = new();

        public int Count(Guid messageId) => _done.GetValueOrDefault(messageId);

        public Exception? Failure(Guid messageId) => _failed.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            _failed.TryRemove(context.MessageId!.Value, out _);
            _done.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            _failed[context.MessageId!.Value] = exception.GetBaseException();
            _done.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }
}

/// <summary>An event as the broker hands it over: the same message id each time it is delivered again.</summary>
internal sealed record Delivery(object Event, Guid MessageId)
{
    public static Delivery Of(object @event) => new(@event, Guid.NewGuid());
}

internal static class EveryOrder
{
    /// <summary>Every ordering of the items (n! of them; keep n small).</summary>
    public static IEnumerable<IReadOnlyList<T>> Of<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Of(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    /// <summary>
    /// For every ordering of one scenario's events: a fresh instance of the scenario (its own ids), its events delivered in
    /// that order, then all of them again (redeliveries, same message ids). Returns each ordering's final state, labelled.
    /// </summary>
    public static async Task<IReadOnlyList<(string Order, string State)>> RunAsync<TDbContext, TScenario>(
        ConsumerBench<TDbContext> bench, Func<TScenario> scenario, Func<TScenario, IReadOnlyList<(string Name, object Event)>> events,
        Func<TDbContext, TScenario, Task<string>> state)
        where TDbContext : DbContext
    {
        var names = events(scenario()).Select(e => e.Name).ToList();
        var results = new List<(string, string)>();
        foreach (var order in Of(Enumerable.Range(0, names.Count).ToList()))
        {
            var instance = scenario();
            var all = events(instance).Select(e => Delivery.Of(e.Event)).ToList();
            var sequence = order.Select(i => all[i]).ToList();
            await bench.DeliverAsync([.. sequence, .. sequence]);
            results.Add((string.Join(" → ", order.Select(i => names[i])), await bench.QueryAsync(db => state(db, instance))));
        }

        return results;
    }

    /// <summary>Fails, naming the orderings, unless every ordering ended in the state <paramref name="expected"/> describes.</summary>
    public static void AssertAllEqual(IReadOnlyList<(string Order, string State)> results, string expected)
    {
        var wrong = results.Where(r => r.State != expected).ToList();
        Assert.True(wrong.Count == 0,
            $"{wrong.Count} of {results.Count} orderings ended elsewhere.\nexpected: {expected}\n"
            + string.Join("\n", wrong.Take(5).Select(w => $"{w.Order}:\n     got: {w.State}")));
    }
}
