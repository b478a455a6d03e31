using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// (h) Issue 23's proof: with three replicas of Assessment, Delivery and Funding and two of the gateway, a few hundred
/// flows go through the county as people drive them — a caseworker registers the household, the village visitor assesses
/// it, the township approves, Delivery drafts the plan, the caseworker approves it, a provider is matched, Funding
/// reserves the money, the order is assigned — while one replica of each of the three services is killed outright
/// (SIGKILL to its process tree, no shutdown) and started again with the dashboard's start command. Afterwards the
/// databases are asked: every flow completed, exactly once.
/// </summary>
internal static partial class ReplicasBenchmark
{
    public static readonly string[] AppHostArguments = ["--Replicas:Assessment=3", "--Replicas:Delivery=3", "--Replicas:Funding=3", "--Replicas:Gateway=2"];

    private static readonly string[] Killed = [ResourceNames.Assessment, ResourceNames.Delivery, ResourceNames.Funding];
    private static readonly string[] Dependent = ["dependent"];
    private static readonly string[] Care = ["care"];
    private const string Township = "341525100";

    // The benchmark's own village: every household registered in it belongs to one of its flows.
    private const string Village = "341525100206";
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(15);

    /// <summary>Runs the flows, kills and restarts one replica of each service a third of the way in, checks; true when every check holds.</summary>
    public static async Task<bool> RunAsync(
        DistributedApplication app, string broker, string postgres, Func<string, Task<HttpClient>> clientFor, int flows, int rate, Action<string> line)
    {
        using var stop = new CancellationTokenSource();
        var replicas = new ReplicaWatch(app);
        replicas.Start(stop.Token);
        await replicas.AllHealthyAsync(TimeSpan.FromMinutes(5));

        var signals = new FlowSignals();
        using var listener = await FlowBenchmark.ListenAsync(broker, postgres, services => services.AddSingleton(signals), bus =>
        {
            bus.AddConsumer<DraftSignal>();
            bus.AddConsumer<AssignedSignal>();
        });
        // Money for weekly care with the orders ahead of the week, for every flow.
        await FlowBenchmark.ContractedProviderAsync(clientFor, flows, moneyPerFlow: 5_000.00m);
        var gateway = new RetryingGateway(await clientFor("caseworker"), await clientFor("visitor-hengshan"), await clientFor("township-hengshan"));
        var answers = await AnswersAsync(gateway.Visitor);

        var clock = Stopwatch.StartNew();
        var timeline = new ConcurrentQueue<(TimeSpan At, string What)>();
        var offered = 0;
        var killing = Task.Run(async () =>
        {
            while (Volatile.Read(ref offered) < flows / 3)
            {
                await Task.Delay(100);
            }

            var victims = Killed.Select(replicas.Victim).ToList();
            foreach (var victim in victims)
            {
                var processes = replicas.Kill(victim);
                timeline.Enqueue((clock.Elapsed, $"killed `{victim}` (SIGKILL to {processes} processes; it held {replicas.HeldBy(victim)})"));
            }

            await Task.Delay(DownFor);
            await Task.WhenAll(victims.Select(async victim =>
            {
                await replicas.StartAsync(victim);
                timeline.Enqueue((clock.Elapsed, $"started `{victim}` again (start command)"));
                await replicas.HealthyAsync(victim, TimeSpan.FromMinutes(3));
                timeline.Enqueue((clock.Elapsed, $"`{victim}` healthy again"));
            }));
        });

        timeline.Enqueue((clock.Elapsed, $"offering {flows} flows at {rate}/s"));
        var running = new List<Task<FlowOutcome>>(flows);
        for (var i = 0; i < flows; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            running.Add(FlowAsync(gateway, signals, answers));
            Interlocked.Increment(ref offered);
        }

        timeline.Enqueue((clock.Elapsed, "all flows offered"));
        var outcomes = await Task.WhenAll(running);
        timeline.Enqueue((clock.Elapsed, $"all flows ended ({outcomes.Count(o => o.Error is null)} completed)"));
        await killing;

        var households = outcomes.Where(o => o.Household != Guid.Empty).Select(o => o.Household).ToArray();
        var checks = await CheckAsync(app, postgres, households, flows);
        var settled = clock.Elapsed;
        var leases = replicas.LeaseCheck();
        stop.Cancel();

        var completed = outcomes.Where(o => o.Error is null).Select(o => o.Elapsed.TotalMilliseconds).Order().ToList();
        line($"## (h) Replicas killed mid-run: {flows} flows at {rate}/s, 3 replicas of Assessment, Delivery and Funding, 2 of the gateway — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        line("A flow, through the gateway as people drive it: register the household (caseworker, `Idempotency-Key`) → start the needs assessment and submit it (village visitor) → approve it (township) → Assessment publishes `NeedsAssessed` → Delivery drafts the plan → the caseworker approves it → Delivery matches the provider and creates the orders → Funding reserves the money → `WorkOrderAssigned`. A third of the way in, one replica of each of the three services is killed (SIGKILL to its process tree: no shutdown, unacknowledged messages and open transactions left behind; the one holding the most job leases is chosen) and started again after " + $"{DownFor.TotalSeconds:0} s with the dashboard's start command.");
        line("");
        line("| s | what happened |");
        line("|---:|---|");
        foreach (var (at, what) in timeline.OrderBy(t => t.At))
        {
            line($"| {at.TotalSeconds:0.0} | {what} |");
        }

        line($"| {settled.TotalSeconds:0.0} | outboxes drained and `_error` queues checked |");
        line("");
        line($"Flows completed: **{completed.Count} of {flows}**; p50 {Percentile(completed, 0.5):N0} ms, p95 {Percentile(completed, 0.95):N0} ms, max {completed.LastOrDefault():N0} ms (registration to assigned, waiting for people included: the benchmark acts as soon as it can). " +
             $"Gateway answers 502/503/504 or a broken connection: {gateway.Failures} (each retried: {gateway.Retries} retries, the same `Idempotency-Key` on a retried POST).");
        foreach (var failure in outcomes.Where(o => o.Error is not null).GroupBy(o => o.Error).Take(10))
        {
            line($"- not completed ({failure.Count()}): {failure.Key}");
        }

        line("");
        line("| check (from the databases and the broker) | expected | found | |");
        line("|---|---:|---:|---|");
        foreach (var check in checks.Append(leases.Check))
        {
            line($"| {check.What} | {check.Expected} | {check.Found} | {(check.Holds ? "✔" : "**✘**")} |");
        }

        line("");
        line("Periodic jobs (lease log lines of every replica, in order; a hand-over is a take by another replica after the holder was killed or lost its lease):");
        foreach (var job in leases.Jobs)
        {
            line($"- {job}");
        }

        line("");
        return checks.Append(leases.Check).All(c => c.Holds) && completed.Count == flows;
    }

    private sealed record FlowOutcome(Guid Household, TimeSpan Elapsed, string? Error);

    private static async Task<FlowOutcome> FlowAsync(RetryingGateway gateway, FlowSignals signals, Dictionary<string, string[]> answers)
    {
        var started = Stopwatch.StartNew();
        var household = Guid.Empty;
        var step = "register";
        try
        {
            var registered = await gateway.SendAsync(gateway.Caseworker, HttpMethod.Post, "/api/assessment/households",
                new { townshipCode = Township, villageCode = Village, category = "特困供养", memberCount = 1 });
            household = (await FlowBenchmark.Ok(registered.Response)).GetProperty("id").GetGuid();
            var (drafted, assigned) = signals.Expect(household);

            step = "start assessment";
            var assessment = await StartAssessmentAsync(gateway, household, answers);
            step = "submit assessment";
            await gateway.MoveAsync(gateway.Visitor, $"/api/assessment/assessments/{assessment}/submit");
            step = "approve assessment";
            await gateway.MoveAsync(gateway.Staff, $"/api/assessment/assessments/{assessment}/approve");
            step = "plan drafted";
            var plan = await drafted.WaitAsync(TimeSpan.FromMinutes(8));
            step = "approve plan";
            await gateway.MoveAsync(gateway.Caseworker, $"/api/delivery/plans/{plan}/approve");
            step = "order assigned";
            await assigned.WaitAsync(TimeSpan.FromMinutes(8));
            return new FlowOutcome(household, started.Elapsed, null);
        }
        catch (Exception ex)
        {
            return new FlowOutcome(household, started.Elapsed, $"{step}: {ex.GetType().Name} {(ex is InvalidOperationException ? ex.Message[..Math.Min(160, ex.Message.Length)] : "")}");
        }
    }

    /// <summary>
    /// Starting an assessment is not idempotent by itself; when an attempt's answer was lost (the gateway said 502), the
    /// household's assessments are read first, and the one already started is taken instead of starting a second.
    /// </summary>
    private static async Task<Guid> StartAssessmentAsync(RetryingGateway gateway, Guid household, Dictionary<string, string[]> answers)
    {
        var body = new { place = "home", visitedAt = DateTimeOffset.UtcNow.AddHours(-1), answers };
        var (response, retried) = await gateway.SendAsync(gateway.Visitor, HttpMethod.Post, $"/api/assessment/households/{household}/assessments", body,
            beforeRetry: async () => (await gateway.Visitor.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/assessments")).GetArrayLength() == 0);
        if (response.StatusCode == HttpStatusCode.Created || !retried)
        {
            return (await FlowBenchmark.Ok(response)).GetProperty("id").GetGuid();
        }

        response.Dispose();
        var started = await gateway.Visitor.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/assessments");
        return started.EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    /// <summary>Answers of the current instrument: first options, a household dependent in every daily activity asking for care.</summary>
    private static async Task<Dictionary<string, string[]>> AnswersAsync(HttpClient client)
    {
        var instrument = await client.GetFromJsonAsync<JsonElement>("/api/assessment/instruments/current");
        var answers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var indicator in instrument.GetProperty("dimensions").EnumerateArray().SelectMany(d => d.GetProperty("indicators").EnumerateArray()))
        {
            var code = indicator.GetProperty("code").GetString()!;
            if (code.StartsWith("adl-", StringComparison.Ordinal))
            {
                answers[code] = Dependent;
            }
            else if (!indicator.GetProperty("multiple").GetBoolean())
            {
                answers[code] = [indicator.GetProperty("options")[0].GetProperty("code").GetString()!];
            }
        }

        answers["requested-services"] = Care;
        return answers;
    }

    private sealed record Check(string What, string Expected, string Found, bool Holds);

    private static Check Equal(string what, long expected, long found) =>
        new(what, expected.ToString("N0", CultureInfo.InvariantCulture), found.ToString("N0", CultureInfo.InvariantCulture), expected == found);

    private static async Task<List<Check>> CheckAsync(DistributedApplication app, string postgres, Guid[] households, int flows)
    {
        string Database(string service) => new NpgsqlConnectionStringBuilder(postgres) { Database = ResourceNames.DatabaseOf(service) }.ConnectionString;
        var checks = new List<Check>();

        // Nothing left to publish: every service's outbox drained (waited for, a minute at most).
        var services = new[] { ResourceNames.Assessment, ResourceNames.Catalogue, ResourceNames.Provider, ResourceNames.Delivery, ResourceNames.Funding };
        long pending = 0;
        for (var deadline = DateTime.UtcNow.AddMinutes(1); ; await Task.Delay(1000))
        {
            pending = 0;
            foreach (var service in services)
            {
                pending += await ScalarAsync(Database(service), "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL");
            }

            if (pending == 0 || DateTime.UtcNow > deadline)
            {
                break;
            }
        }

        checks.Add(Equal("outbox rows not yet published (all five hub services)", 0, pending));
        checks.Add(await ErrorQueuesAsync(app));

        var assessment = Database(ResourceNames.Assessment);
        checks.Add(Equal("households registered in the benchmark's village (one per flow, none twice)", flows,
            await ScalarAsync(assessment, "SELECT count(*) FROM households WHERE \"VillageCode\" = @village", ("village", Village))));
        checks.Add(Equal("households with exactly one assessment, approved", households.Length,
            await ScalarAsync(assessment, "SELECT count(*) FROM (SELECT \"HouseholdId\" FROM assessments WHERE \"HouseholdId\" = ANY(@ids) GROUP BY \"HouseholdId\" HAVING count(*) = 1 AND bool_and(\"Status\" = 'Approved')) once", ("ids", households))));

        var delivery = Database(ResourceNames.Delivery);
        checks.Add(Equal("households Delivery knows (HouseholdRegistered, once each)", households.Length,
            await ScalarAsync(delivery, "SELECT count(*) FROM recipients WHERE \"HouseholdId\" = ANY(@ids)", ("ids", households))));
        checks.Add(Equal("households with exactly one service plan, approved", households.Length,
            await ScalarAsync(delivery, "SELECT count(*) FROM (SELECT \"HouseholdId\" FROM service_plans WHERE \"HouseholdId\" = ANY(@ids) GROUP BY \"HouseholdId\" HAVING count(*) = 1 AND bool_and(\"Status\" = 'Approved')) once", ("ids", households))));
        checks.Add(Equal("plan lines matched to a provider without a work order", 0,
            await ScalarAsync(delivery, """
                SELECT count(*) FROM service_plan_lines l JOIN service_plans p ON p."Id" = l."PlanId"
                WHERE p."HouseholdId" = ANY(@ids) AND l."ProviderId" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM work_orders o WHERE o."PlanId" = l."PlanId" AND o."ItemCode" = l."ItemCode")
                """, ("ids", households))));
        checks.Add(Equal("plan line periods with more than one work order", 0,
            await ScalarAsync(delivery, "SELECT count(*) FROM (SELECT 1 FROM work_orders WHERE \"HouseholdId\" = ANY(@ids) GROUP BY \"PlanId\", \"ItemCode\", \"PeriodStarts\" HAVING count(*) > 1) twice", ("ids", households))));
        var orders = await GuidsAsync(delivery, "SELECT \"Id\" FROM work_orders WHERE \"HouseholdId\" = ANY(@ids)", ("ids", households));
        checks.Add(Equal("work orders not assigned (waiting for money or refused it)", 0,
            await ScalarAsync(delivery, "SELECT count(*) FROM work_orders WHERE \"HouseholdId\" = ANY(@ids) AND \"Status\" <> 'Assigned'", ("ids", households))));
        checks.Add(Equal("households with an assigned order", flows,
            await ScalarAsync(delivery, "SELECT count(DISTINCT \"HouseholdId\") FROM work_orders WHERE \"HouseholdId\" = ANY(@ids) AND \"Status\" = 'Assigned'", ("ids", households))));

        var funding = Database(ResourceNames.Funding);
        var references = orders.Select(o => o.ToString()).ToArray();
        checks.Add(Equal($"work orders ({orders.Count:N0}) with a reservation", orders.Count,
            await ScalarAsync(funding, "SELECT count(*) FROM commitments WHERE \"Reference\" = ANY(@refs)", ("refs", references))));
        checks.Add(Equal("work orders whose money was reserved more than once in the ledger", 0,
            await ScalarAsync(funding, "SELECT count(*) FROM (SELECT 1 FROM ledger_entries WHERE \"Kind\" = 'Commitment' AND \"Reference\" = ANY(@refs) GROUP BY \"Reference\" HAVING count(DISTINCT \"TransactionId\") > 1) twice", ("refs", references))));
        return checks;
    }

    /// <summary>
    /// Messages in the county's <c>_error</c> queues, by <c>rabbitmqctl</c> against the node the AppHost runs; waiting
    /// events (a prerequisite not yet there) are given back every 30 s, so the count is waited for, two minutes at most.
    /// </summary>
    private static async Task<Check> ErrorQueuesAsync(DistributedApplication app)
    {
        const string what = "messages in `_error` queues";
        if (!app.ResourceNotifications.TryGetCurrentState($"{ResourceNames.Messaging}-server", out var broker))
        {
            return new Check(what, "0", "not checked (the broker is not run by the AppHost)", true);
        }

        string Env(string name) => broker.Snapshot.EnvironmentVariables.First(v => v.Name == name).Value!;
        var start = new ProcessStartInfo("/usr/lib/rabbitmq/bin/rabbitmqctl", ["-n", $"relief{Env("RABBIT_PORT")}@localhost", "-q", "list_queues", "name", "messages"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = Path.Combine(Env("RABBIT_DATA"), "home");
        start.Environment["ERL_EPMD_PORT"] = Env("RABBIT_EPMD_PORT");
        var errors = new List<string>();
        for (var deadline = DateTime.UtcNow.AddMinutes(2); ; await Task.Delay(5000))
        {
            using var ctl = Process.Start(start)!;
            var output = await ctl.StandardOutput.ReadToEndAsync();
            await ctl.WaitForExitAsync();
            if (ctl.ExitCode != 0)
            {
                return new Check(what, "0", $"rabbitmqctl failed: {(await ctl.StandardError.ReadToEndAsync()).Trim()}", false);
            }

            errors = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('\t'))
                .Where(q => q.Length == 2 && q[0].EndsWith("_error", StringComparison.Ordinal) && q[1].Trim() != "0")
                .Select(q => $"{q[0]}: {q[1].Trim()}")];
            if (errors.Count == 0 || DateTime.UtcNow > deadline)
            {
                break;
            }
        }

        return new Check(what, "0", errors.Count == 0 ? "0" : string.Join("; ", errors), errors.Count == 0);
    }

    private static async Task<long> ScalarAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<Guid>> GuidsAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// The gateway as a client that survives a replica's death: a 502/503/504 or a broken connection is retried after a
    /// short wait — a POST with the same <c>Idempotency-Key</c>, so the gateway (or the service that keeps the key with its
    /// effect) answers a repeated request once. A state move retried after a lost answer may find itself already made (409).
    /// </summary>
    private sealed class RetryingGateway(HttpClient caseworker, HttpClient visitor, HttpClient staff)
    {
        private const int Attempts = 30;
        private int _failures;
        private int _retries;

        public HttpClient Caseworker { get; } = caseworker;

        public HttpClient Visitor { get; } = visitor;

        public HttpClient Staff { get; } = staff;

        public int Failures => Volatile.Read(ref _failures);

        public int Retries => Volatile.Read(ref _retries);

        public async Task<(HttpResponseMessage Response, bool Retried)> SendAsync(
            HttpClient client, HttpMethod method, string path, object? body = null, Func<Task<bool>>? beforeRetry = null)
        {
            var key = Guid.NewGuid().ToString();
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                try
                {
                    var response = await client.SendAsync(request);
                    if ((int)response.StatusCode is not (502 or 503 or 504) || attempt == Attempts)
                    {
                        return (response, attempt > 1);
                    }

                    response.Dispose();
                }
                catch (HttpRequestException) when (attempt < Attempts)
                {
                }

                Interlocked.Increment(ref _failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)));
                if (beforeRetry is not null && !await beforeRetry())
                {
                    // What the lost attempt did is already there: the caller reads it instead of doing it again.
                    return (new HttpResponseMessage(HttpStatusCode.Conflict), true);
                }

                Interlocked.Increment(ref _retries);
            }
        }

        /// <summary>A state move (submit, approve): done when answered 200, or 409 after a retry whose first attempt's answer was lost.</summary>
        public async Task MoveAsync(HttpClient client, string path)
        {
            var (response, retried) = await SendAsync(client, HttpMethod.Post, path);
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Conflict && retried)
                {
                    return;
                }

                await FlowBenchmark.Ok(response);
            }
        }
    }

    /// <summary>Each replica of the killed services: its process, state, health and the job leases its log says it took or lost.</summary>
    private sealed partial class ReplicaWatch(DistributedApplication app)
    {
        private readonly ConcurrentDictionary<string, ResourceEvent> _replicas = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<LeaseEvent> _leases = new();
        private readonly ConcurrentDictionary<string, DateTime> _killed = new(StringComparer.Ordinal);

        private sealed record LeaseEvent(DateTime At, string Service, string Replica, bool Took, string Job);

        public void Start(CancellationToken stop) => _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in app.ResourceNotifications.WatchAsync(stop))
                {
                    if (!Killed.Contains(update.Resource.Name))
                    {
                        continue;
                    }

                    var known = _replicas.ContainsKey(update.ResourceId);
                    _replicas[update.ResourceId] = update;
                    if (!known)
                    {
                        _ = Task.Run(() => WatchLogAsync(update.Resource.Name, update.ResourceId, stop), stop);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, stop);

        private async Task WatchLogAsync(string service, string replica, CancellationToken stop)
        {
            try
            {
                await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(replica).WithCancellation(stop))
                {
                    foreach (var logLine in batch)
                    {
                        if (LeaseLine().Match(logLine.Content) is { Success: true } lease)
                        {
                            _leases.Enqueue(new LeaseEvent(DateTime.UtcNow, service, replica, lease.Groups[1].Value == "Took", lease.Groups[2].Value));
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        [GeneratedRegex(@"(Took|Lost) the lease of job (\w+)")]
        private static partial Regex LeaseLine();

        public async Task AllHealthyAsync(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!(Killed.All(s => _replicas.Values.Count(r => r.Resource.Name == s && Healthy(r)) >= 3)))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Not every replica became healthy: {string.Join(", ", _replicas.Select(r => $"{r.Key} {r.Value.Snapshot.State?.Text}/{r.Value.Snapshot.HealthStatus}"))}");
                }

                await Task.Delay(500);
            }
        }

        private static bool Healthy(ResourceEvent replica) =>
            replica.Snapshot.State?.Text == KnownResourceStates.Running && replica.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

        /// <summary>The jobs each replica holds now, by its log.</summary>
        private Dictionary<(string Service, string Job), string> Holders() =>
            _leases.Where(l => l.Took).GroupBy(l => (l.Service, l.Job)).ToDictionary(g => g.Key, g => g.Last().Replica);

        public string HeldBy(string replica) =>
            Holders().Where(h => h.Value == replica).Select(h => h.Key.Job).DefaultIfEmpty("no job lease").Aggregate((a, b) => $"{a}, {b}");

        /// <summary>The replica of <paramref name="service"/> holding the most job leases: its death must hand them over.</summary>
        public string Victim(string service)
        {
            var held = Holders();
            return _replicas.Values.Where(r => r.Resource.Name == service && Healthy(r)).Select(r => r.ResourceId)
                .OrderByDescending(id => held.Count(h => h.Value == id)).ThenBy(id => id, StringComparer.Ordinal).First();
        }

        /// <summary>SIGKILL to the replica's process and every process under it (DCP runs a project through <c>dotnet run</c>).</summary>
        public int Kill(string replica)
        {
            var root = Convert.ToInt32(_replicas[replica].Snapshot.Properties.First(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);
            var tree = Tree(root);
            _killed[replica] = DateTime.UtcNow;
            foreach (var pid in tree)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }

            return tree.Count;
        }

        private static List<int> Tree(int root)
        {
            var parents = new Dictionary<int, int>();
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid))
                {
                    try
                    {
                        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                        parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                    }
                    catch (IOException)
                    {
                    }
                }
            }

            var tree = new List<int> { root };
            for (var i = 0; i < tree.Count; i++)
            {
                tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
            }

            return tree;
        }

        public async Task StartAsync(string replica)
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!KnownResourceStates.TerminalStates.Contains(_replicas[replica].Snapshot.State?.Text) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(replica, KnownResourceCommands.StartCommand);
            if (!result.Success)
            {
                throw new InvalidOperationException($"Starting {replica} again: {result.Message}");
            }
        }

        public async Task HealthyAsync(string replica, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Healthy(_replicas[replica]))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"{replica} did not become healthy again ({_replicas[replica].Snapshot.State?.Text}).");
                }

                await Task.Delay(500);
            }
        }

        /// <summary>
        /// Each job ran on one replica at a time: whenever a replica took a job's lease, the replica that held it before had
        /// been killed or had logged that it lost the lease. Also lists the hand-overs.
        /// </summary>
        public (Check Check, List<string> Jobs) LeaseCheck()
        {
            var overlaps = 0;
            var jobs = new List<string>();
            foreach (var job in _leases.GroupBy(l => (l.Service, l.Job)).OrderBy(g => g.Key))
            {
                string? holder = null;
                var story = new List<string>();
                foreach (var lease in job)
                {
                    if (!lease.Took)
                    {
                        story.Add($"{lease.Replica} lost it");
                        holder = lease.Replica == holder ? null : holder;
                        continue;
                    }

                    if (holder is not null && holder != lease.Replica)
                    {
                        var handedOver = _killed.TryGetValue(holder, out var killedAt) && killedAt <= lease.At;
                        overlaps += handedOver ? 0 : 1;
                        story.Add(handedOver ? $"{lease.Replica} took it after {holder} was killed" : $"**{lease.Replica} took it while {holder} held it**");
                    }
                    else
                    {
                        story.Add($"{lease.Replica} took it");
                    }

                    holder = lease.Replica;
                }

                jobs.Add($"{job.Key.Service} · `{job.Key.Job}`: {string.Join(" → ", story)}");
            }

            return (new Check("job leases taken while another live replica held them", "0", overlaps.ToString(CultureInfo.InvariantCulture), overlaps == 0 && jobs.Count > 0), jobs);
        }
    }
}

/// <summary>The plan each flow's household got and the moment its order was assigned, as the events arrive (in any order).</summary>
internal sealed class FlowSignals
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<Guid>> _drafted = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _assigned = new();

    public (Task<Guid> Drafted, Task Assigned) Expect(Guid household) => (Drafted(household).Task, Assigned(household).Task);

    public TaskCompletionSource<Guid> Drafted(Guid household) => _drafted.GetOrAdd(household, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public TaskCompletionSource Assigned(Guid household) => _assigned.GetOrAdd(household, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}

internal sealed class DraftSignal(FlowSignals signals) : IConsumer<ServicePlanDrafted>
{
    public Task Consume(ConsumeContext<ServicePlanDrafted> context)
    {
        signals.Drafted(context.Message.HouseholdId).TrySetResult(context.Message.PlanId);
        return Task.CompletedTask;
    }
}

internal sealed class AssignedSignal(FlowSignals signals) : IConsumer<WorkOrderAssigned>
{
    public Task Consume(ConsumeContext<WorkOrderAssigned> context)
    {
        signals.Assigned(context.Message.HouseholdId).TrySetResult();
        return Task.CompletedTask;
    }
}
