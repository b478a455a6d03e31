using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// (e) The closed loop's machine part, through RabbitMQ: <c>NeedsAssessed</c> → Delivery drafts the plan from the
/// catalogue (<c>ServicePlanDrafted</c>) → a caseworker approves it through the gateway → Delivery matches a provider
/// (Provider's eligibility) and creates the order → Funding reserves the money → <c>WorkOrderAssigned</c>. Flows start
/// at a fixed rate (open loop); a flow's latency is its machine time — from NeedsAssessed published to the plan drafted,
/// plus from the approval sent to the order assigned — so the benchmark's own approval queue is not counted.
/// </summary>
internal static class FlowBenchmark
{
    internal const string Township = "341525100";
    private const string Village = "341525100201";
    private static readonly string[] BenchItems = ["daily-care"];

    /// <summary>Flows run before the measured rates (not reported): JIT, connection pools and token caches.</summary>
    public const int WarmUpFlows = 50;
    private static readonly string[] BenchTownships = [Township];
    private static readonly string[] BenchDocuments = ["压测"];

    /// <param name="DraftP95">p95 of NeedsAssessed published → ServicePlanDrafted received.</param>
    /// <param name="AssignP95">p95 of approval sent → WorkOrderAssigned received.</param>
    /// <param name="Cpu">CPU milliseconds by kind of process from the first publish to the last assignment (<see cref="ProcessCpu"/>).</param>
    public sealed record Result(
        int Rate, int Started, int Completed, double Seconds, double P50, double P95, double P99, double WallP95, double DraftP95, double AssignP95,
        IReadOnlyDictionary<string, double> Cpu, IReadOnlyList<StatementStats.Statement> Statements, double CpuSeconds)
    {
        /// <summary>The county's CPU (services, servers, DCP) per completed flow, in milliseconds.</summary>
        public double CpuPerFlow => Completed == 0 ? double.NaN : ProcessCpu.County(Cpu.ToDictionary()) / Completed;
    }

    /// <summary>
    /// CPU milliseconds per second of the county at rest, by kind of process: 20 s of settling, then 10 s measured. Taken after
    /// the flows (before them the county was still busy with the registrations' events and the warm-up's background JIT): what
    /// its processes spend doing no one's work — relays' polls, health checks, leases, telemetry — which every per-flow figure includes.
    /// </summary>
    public static async Task<Dictionary<string, double>> AtRestAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(20));
        var from = ProcessCpu.Snapshot();
        await Task.Delay(TimeSpan.FromSeconds(10));
        return ProcessCpu.Between(from, ProcessCpu.Snapshot()).ToDictionary(c => c.Key, c => c.Value / 10);
    }

    public static async Task<List<Result>> RunAsync(
        string broker, string postgres, Func<string, Task<HttpClient>> clientFor, IReadOnlyList<int> rates, TimeSpan duration)
    {
        var clocks = new FlowClocks();
        using var host = await ListenAsync(broker, postgres, services => services.AddSingleton(clocks), bus =>
        {
            bus.AddConsumer<PlanDraftedClock>();
            bus.AddConsumer<OrderAssignedClock>();
        });
        var bus = host.Services.GetRequiredService<IBus>();
        const int warmUpRate = 5, warmUpFlows = WarmUpFlows;
        var total = warmUpFlows + rates.Sum(r => (int)(r * duration.TotalSeconds));
        await ContractedProviderAsync(clientFor, total);
        var caseworker = await clientFor("caseworker");
        var households = await RegisterAsync(caseworker, postgres, total);

        var results = new List<Result>();
        // Warm-up, not reported: the first flows pay for JIT, connection pools and token caches in every service.
        await RunAtAsync(bus, caseworker, clocks, warmUpRate, households.Take(warmUpFlows).ToList());
        var next = warmUpFlows;
        foreach (var rate in rates)
        {
            var batch = households.Skip(next).Take((int)(rate * duration.TotalSeconds)).ToList();
            next += batch.Count;
            results.Add(await RunAtAsync(bus, caseworker, clocks, rate, batch, postgres));
        }

        await host.StopAsync();
        return results;
    }

    /// <summary>
    /// The benchmark's own messaging host on the county's broker (queues of its own, an outbox and inbox in a database of its
    /// own), started, with <paramref name="consumers"/> listening to the services' events.
    /// </summary>
    internal static async Task<IHost> ListenAsync(
        string broker, string postgres, Action<IServiceCollection> services, Action<IBusRegistrationConfigurator> consumers)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:benchdb"] = new NpgsqlConnectionStringBuilder(postgres) { Database = $"bench_{Guid.NewGuid():N}" }.ConnectionString,
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = broker,
        });
        services(builder.Services);
        builder.AddServiceDatabase<BenchDbContext>("benchdb");
        builder.AddMessaging<BenchDbContext>($"bench-flow-{Guid.NewGuid():N}"[..20], consumers);
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        return host;
    }

    private static async Task<Result> RunAtAsync(IBus bus, HttpClient caseworker, FlowClocks clocks, int rate, List<Guid> households, string? postgres = null)
    {
        // Approvals are sent as drafts arrive, 32 at a time, like a room of caseworkers clicking "approve".
        var approvals = Channel.CreateUnbounded<Guid>();
        clocks.Drafted = approvals.Writer;
        var approvers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            await foreach (var (plan, household) in ReadDraftsAsync(approvals.Reader, clocks))
            {
                clocks.ApprovalSent[household] = Stopwatch.GetTimestamp();
                using var response = await caseworker.PostAsync($"/api/delivery/plans/{plan}/approve", null);
                if (!response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"approval refused: {(int)response.StatusCode}");
                }
            }
        })).ToList();

        if (postgres is not null)
        {
            await StatementStats.ResetAsync(postgres);
        }

        var cpuBefore = ProcessCpu.Snapshot();
        var started = Stopwatch.GetTimestamp();
        var sends = new List<Task>(households.Count);
        for (var i = 0; i < households.Count; i++)
        {
            var due = started + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var household = households[i];
            clocks.Published[household] = Stopwatch.GetTimestamp();
            sends.Add(bus.Publish(new NeedsAssessed(Guid.CreateVersion7(), household, Township, Village, 1, "Serious", ["disability-care"], ["care"],
                DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(6)), DateTimeOffset.UtcNow)));
        }

        await Task.WhenAll(sends);
        var publishing = Stopwatch.GetElapsedTime(started);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (households.Count(clocks.Assigned.ContainsKey) < households.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var cpu = ProcessCpu.Between(cpuBefore, ProcessCpu.Snapshot());
        var cpuSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var statements = postgres is null ? [] : await StatementStats.TopAsync(postgres, 15);
        approvals.Writer.Complete();
        await Task.WhenAll(approvers);
        var done = households.Where(clocks.Assigned.ContainsKey).ToList();
        var machine = done.Select(h => Ms(clocks.Published[h], clocks.DraftedAt[h]) + Ms(clocks.ApprovalSent[h], clocks.Assigned[h])).Order().ToList();
        var wall = done.Select(h => Ms(clocks.Published[h], clocks.Assigned[h])).Order().ToList();
        var draft = done.Select(h => Ms(clocks.Published[h], clocks.DraftedAt[h])).Order().ToList();
        var assign = done.Select(h => Ms(clocks.ApprovalSent[h], clocks.Assigned[h])).Order().ToList();
        var lastAssigned = done.Count > 0 ? done.Max(h => clocks.Assigned[h]) : Stopwatch.GetTimestamp();
        return new Result(rate, households.Count, done.Count, Math.Max(publishing.TotalSeconds, Stopwatch.GetElapsedTime(started, lastAssigned).TotalSeconds),
            Percentile(machine, 0.50), Percentile(machine, 0.95), Percentile(machine, 0.99), Percentile(wall, 0.95), Percentile(draft, 0.95), Percentile(assign, 0.95), cpu, statements, cpuSeconds);
    }

    private static async IAsyncEnumerable<(Guid Plan, Guid Household)> ReadDraftsAsync(ChannelReader<Guid> reader, FlowClocks clocks)
    {
        await foreach (var household in reader.ReadAllAsync())
        {
            yield return (clocks.Plans[household], household);
        }
    }

    /// <summary>A care organisation approved for daily care in 衡山镇 with room for every flow, a certificate, money and a contract.</summary>
    internal static async Task ContractedProviderAsync(Func<string, Task<HttpClient>> clientFor, int flows, decimal moneyPerFlow = 200.00m)
    {
        var caseworker = await clientFor("caseworker");
        var admin = await clientFor("county-admin");
        var finance = await clientFor("finance");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var project = $"BF-{Guid.NewGuid():N}"[..12];
        var creditCode = "52341525" + string.Concat(Enumerable.Range(0, 9).Select(_ => Random.Shared.Next(10)));
        creditCode += ReliefPlatform.Provider.Domain.Providers.CreditCode.CheckCharacter(creditCode);
        var applied = await Ok(await caseworker.PostAsJsonAsync("/api/provider/providers",
            new { kind = "elderly-care-organisation", name = $"霍山县压测养老服务中心{creditCode[^6..]}", creditCode, contact = new { name = "压测", phone = "13800000000" } }));
        var provider = applied.GetProperty("provider").GetProperty("id").GetGuid();
        await Ok(await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/review", new { }));
        await Ok(await admin.PostAsJsonAsync($"/api/provider/providers/{provider}/approve", new { }));
        await Ok(await caseworker.PutAsJsonAsync($"/api/provider/providers/{provider}/capabilities",
            new[] { new { itemCode = "daily-care", townships = new[] { Township }, capacity = 10_000, per = "Week" } }));
        await Ok(await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/qualifications",
            new { type = "elderly-care-worker", number = "YL2025000999", validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), validUntil = today.AddYears(2).ToString("yyyy-MM-dd") }));
        var allocation = await Ok(await finance.PostAsJsonAsync("/api/funding/allocations",
            new { year, sourceType = "fiscal-budget", projectCode = project, townshipCode = Township, amount = flows * moneyPerFlow, reason = "压测" }));
        await Ok(await admin.PostAsync($"/api/funding/allocations/{allocation.GetProperty("id").GetGuid()}/approve", null));
        // Contracts are awarded only under an initiated (立项) project.
        var proposed = await Ok(await finance.PostAsJsonAsync("/api/funding/projects", new
        {
            year, code = project, name = "压测项目", goals = "压测", items = BenchItems, townships = BenchTownships, budget = flows * moneyPerFlow,
            documents = BenchDocuments,
        }));
        await Ok(await admin.PostAsync($"/api/funding/projects/{proposed.GetProperty("id").GetGuid()}/stages/approve", null));
        await Ok(await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"BFZC-{Guid.NewGuid():N}"[..16], year, projectCode = project, providerId = provider.ToString(), townships = new[] { Township },
            from = $"{year}-01-01", until = $"{year}-12-31", items = new[] { new { itemCode = "daily-care", unitPrice = 60.00m, quantityCap = flows * 20 } },
        }));
        await Task.Delay(TimeSpan.FromSeconds(2)); // ContractAwarded reaches Delivery
    }

    /// <summary>
    /// Households registered at Assessment through the gateway (a caseworker's registration, 16 at a time), then waited for
    /// in Delivery's database. Registered for real because Delivery drafts a plan with the household's matching profile,
    /// which it asks Assessment for: a household only announced by an event would never get a plan.
    /// </summary>
    private static async Task<List<Guid>> RegisterAsync(HttpClient caseworker, string postgres, int count)
    {
        var households = new ConcurrentBag<Guid>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, cancellationToken) =>
        {
            using var registered = await caseworker.PostAsJsonAsync("/api/assessment/households",
                new { townshipCode = Township, villageCode = Village, category = "特困供养", memberCount = 1 }, cancellationToken);
            households.Add((await Ok(registered)).GetProperty("id").GetGuid());
        });

        var delivery = new NpgsqlConnectionStringBuilder(postgres) { Database = ResourceNames.DatabaseOf(ResourceNames.Delivery) }.ConnectionString;
        await using var connection = new NpgsqlConnection(delivery);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM recipients WHERE \"HouseholdId\" = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", households.ToArray());
        while (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) < count)
        {
            await Task.Delay(500);
        }

        return [.. households];
    }

    internal static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>When each flow passed each point, by household.</summary>
internal sealed class FlowClocks
{
    public ConcurrentDictionary<Guid, long> Published { get; } = new();

    public ConcurrentDictionary<Guid, long> DraftedAt { get; } = new();

    public ConcurrentDictionary<Guid, Guid> Plans { get; } = new();

    public ConcurrentDictionary<Guid, long> ApprovalSent { get; } = new();

    public ConcurrentDictionary<Guid, long> Assigned { get; } = new();

    public ChannelWriter<Guid>? Drafted { get; set; }
}

internal sealed class PlanDraftedClock(FlowClocks clocks) : IConsumer<ServicePlanDrafted>
{
    public Task Consume(ConsumeContext<ServicePlanDrafted> context)
    {
        var household = context.Message.HouseholdId;
        if (clocks.Published.ContainsKey(household) && clocks.DraftedAt.TryAdd(household, Stopwatch.GetTimestamp()))
        {
            clocks.Plans[household] = context.Message.PlanId;
            clocks.Drafted?.TryWrite(household);
        }

        return Task.CompletedTask;
    }
}

internal sealed class OrderAssignedClock(FlowClocks clocks) : IConsumer<WorkOrderAssigned>
{
    public Task Consume(ConsumeContext<WorkOrderAssigned> context)
    {
        if (clocks.ApprovalSent.ContainsKey(context.Message.HouseholdId))
        {
            clocks.Assigned.TryAdd(context.Message.HouseholdId, Stopwatch.GetTimestamp());
        }

        return Task.CompletedTask;
    }
}
