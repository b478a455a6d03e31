using Aspire.Hosting;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// Delivery runs as <see cref="CountyAppFixture.DeliveryReplicas"/> replicas in the test county (every other test works
/// against them too). Both answer and consume; its background jobs run on one replica at a time — the one holding each
/// job's lease.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class DeliveryReplicasTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private static readonly string[] Jobs = [nameof(OverdueSweeper), nameof(PlanRematcher), nameof(RecurringOrderSweeper)];

    [Fact]
    public async Task Each_job_runs_on_exactly_one_replica_while_both_take_orders_that_are_funded_exactly_once()
    {
        var replicas = await ReplicasAsync(ResourceNames.Delivery, CountyAppFixture.DeliveryReplicas);
        Assert.Equal(CountyAppFixture.DeliveryReplicas, replicas.Length);

        var caseworker = await county.ClientForAsync("caseworker");
        var finance = await county.ClientForAsync("finance");
        var project = $"IT-REPL-{Guid.NewGuid():N}"[..20];
        await Budgets.AllocateAsync(finance, await county.ClientForAsync("county-admin"), project, Hengshan, 10_000.00m);
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "206");
        // Both replicas answer the API (through DCP's proxy) and compete for Funding's answers on the shared queues.
        var orders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Orders.PlaceAsync(caseworker, household, project, units: 1)));
        foreach (var order in orders)
        {
            await Orders.AssignedAsync(caseworker, order);
        }

        // Each order's money reserved once: ten sessions at 60 yuan, not one more.
        Assert.Equal(600.00m, await Budgets.CommittedAsync(finance, project));

        // Every job has been taken since the county started, each by one replica only — the other has been waiting for
        // its lease all along (a replica that stops or loses its connection hands it over: JobLeaseTests).
        Dictionary<string, string[]> holders = [];
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Jobs.All(job => (holders[job] = Takers(job)).Length > 0)),
            "each of Delivery's jobs taken by a replica", TimeSpan.FromMinutes(2));
        Assert.All(Jobs, job => Assert.Single(holders[job]));
        Assert.All(Jobs, job => Assert.Contains(replicas, name => SameInstance(name, holders[job][0])));
    }

    /// <summary>The names the dashboard gives each replica of <paramref name="resource"/> (e.g. delivery-abcd1234).</summary>
    private async Task<string[]> ReplicasAsync(string resource, int expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var replicas = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var update in county.App.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (update.Resource.Name == resource && replicas.Add(update.ResourceId) && replicas.Count == expected)
            {
                break;
            }
        }

        return [.. replicas];
    }

    /// <summary>The replicas (<c>service.instance.id</c>) that logged taking <paramref name="job"/>'s lease.</summary>
    private string[] Takers(string job, DateTimeOffset? after = null) =>
        [.. OtlpLogRecords.Read(county.Telemetry.Logs)
            .Where(r => r.Service == ResourceNames.Delivery && r.Attributes.GetValueOrDefault("Job") == job && r.Body.StartsWith("Took the lease", StringComparison.Ordinal)
                && (after is null || r.Time >= after))
            .Select(r => r.Instance).Distinct()];

    private static bool SameInstance(string replica, string instance) =>
        replica == instance || replica.EndsWith($"-{instance}", StringComparison.Ordinal) || instance.EndsWith($"-{replica}", StringComparison.Ordinal);
}
