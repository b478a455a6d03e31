using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReliefPlatform.Benchmarks;
using ReliefPlatform.ServiceDefaults;

// bench: one run measures the outbox relay against raw pipelined confirms, and the gateway against a
// bare YARP proxy and the service itself; prints the ratios and writes them to bench-results/.
if (args is [HttpBenchmark.BareYarpArgument, var bareDestination])
{
    await HttpBenchmark.ServeBareYarpAsync(new Uri(bareDestination));
    return;
}

// xlsx-memory all|held|piped|chunked [rows]: a workbook upload's memory while it becomes the CSV that is stored; no county needed.
if (args is ["xlsx-memory", var memoryMode, .. var memoryRest])
{
    await ImportMemoryBenchmark.RunAsync(memoryMode, memoryRest.Length > 0 ? int.Parse(memoryRest[0], CultureInfo.InvariantCulture) : 200_000, FindRepositoryRoot());
    return;
}

// Each argument is given in its place (bench.sh's usage line) or by its name anywhere (parts=render demo-households=3000): a
// named one goes to its place, the bare ones fill the places left in order. An unknown name is refused.
string[] names = ["messages", "seconds-per-run", "import-rows", "ledger-households", "parts", "demo-households", "xlsx-rows", "replica-flows", "replica-rate", "flow-rates"];
var values = new string?[names.Length];
var positional = new Queue<string>();
foreach (var arg in args)
{
    if (arg.IndexOf('=', StringComparison.Ordinal) is var at and >= 0)
    {
        var place = Array.IndexOf(names, arg[..at]);
        if (place < 0)
        {
            await Console.Error.WriteLineAsync($"Unknown argument {arg[..at]}. Arguments: {string.Join(", ", names)}.");
            Environment.Exit(2);
        }

        values[place] = arg[(at + 1)..];
    }
    else
    {
        positional.Enqueue(arg);
    }
}

for (var place = 0; place < values.Length && positional.Count > 0; place++)
{
    values[place] ??= positional.Dequeue();
}

int Number(int index, int fallback) => values[index] is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var messages = Number(0, 20_000);
var seconds = Number(1, 8);
var importRows = Number(2, 1_000_000);
var ledgerHouseholds = Number(3, 1_000_000);
// Which parts to run: all, or any of relay, http, import, ledger, flow, xlsx joined by commas; serve (never part of all) keeps
// the county up for outside load tools; render (never part of all) measures the portal on the demo county. An unknown part
// is refused rather than silently skipped.
string[] knownParts = ["all", "relay", "http", "import", "ledger", "flow", "routing", "xlsx", "serve", "render", "replicas"];
var only = values[4] ?? "all";
if (only.Split(',').Except(knownParts).ToArray() is [_, ..] unknown)
{
    await Console.Error.WriteLineAsync($"Unknown part(s): {string.Join(", ", unknown)}. Parts: {string.Join(", ", knownParts)} (joined by commas).");
    Environment.Exit(2);
}

bool Runs(string part) => only == "all" || only.Split(',').Contains(part);
// render fills the demo county first (Demo:Households, default 12,000).
var render = only.Split(',').Contains("render");
var demoHouseholds = Number(5, 12_000);
// xlsx: a workbook against the CSV of the same rows (issue 26's goal: ≥ 0.5 of the CSV's rows/s at 200,000 rows).
var workbookRows = Number(6, 200_000);
// replicas (never part of all): issue 23's proof — a county with 3 replicas of Assessment, Delivery and Funding and 2 of the
// gateway runs replica-flows flows at replica-rate per second while one replica of each of the three is killed and restarted.
var replicas = only.Split(',').Contains("replicas");
var replicaFlows = Number(7, 300);
var replicaRate = Number(8, 4);
var duration = TimeSpan.FromSeconds(seconds);

Console.WriteLine("Starting the county through the AppHost…");
var demoPassword = $"Bm{Guid.NewGuid():N}"[..14] + "5Z";
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ReliefPlatform_AppHost>(
    // The limiter still counts every request in Redis; the limit is only raised so the load is not refused.
    ["--Townships:Run=hengshan", $"--Secrets:demo-password={demoPassword}", "--Gateway:RateLimits:ApiPerWindow=1000000000",
     render ? $"--Demo:Households={demoHouseholds}" : "--Demo:Seed=false", .. replicas ? ReplicasBenchmark.AppHostArguments : []]);
// The resources' own logs are forwarded at Information by the testing builder; only warnings here, so the console is not part of the load.
builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("ReliefPlatform.AppHost.Resources", LogLevel.Warning));
await using var app = await builder.BuildAsync();
// From the start to the county answering (gateway, identity, assessment and the township centre healthy): run.sh's 60 s goal.
var starting = System.Diagnostics.Stopwatch.StartNew();
await app.StartAsync();
var township = ResourceNames.TownshipService("hengshan");
foreach (var resource in new[] { ResourceNames.Gateway, ResourceNames.Identity, ResourceNames.Assessment, township })
{
    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
}

var answeredAfter = starting.Elapsed;
Console.WriteLine($"The county answers {answeredAfter.TotalSeconds:0} s after the start.");

var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

Line($"# ReliefPlatform benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Line($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load generator, proxies, services and servers on the same box.");
Line("");

var postgres = (await app.GetConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)))!;
var broker = (await app.GetConnectionStringAsync(ResourceNames.Messaging))!;
if (Runs("relay"))
{
    var (relay, raw, relays, raws) = await RelayBenchmark.RunAsync(postgres, broker, messages);
    Line($"## (a) Outbox relay, {messages:N0} messages, persistent, classic queue, median of 3 interleaved rounds");
    Line($"| path | msg/s |");
    Line($"|---|---:|");
    Line($"| raw RabbitMQ.Client, pipelined confirms (window 500) | {raw:N0} (rounds: {Rounds(raws)}) |");
    Line($"| outbox relay (claim → publish with confirms → mark) | {relay:N0} (rounds: {Rounds(relays)}) |");
    Line($"**relay / raw = {relay / raw:0.00}** (goal ≥ 0.50)");
    Line("");
}

// Every call carries a county caseworker's token, validated by the gateway and again by the service.
async Task<HttpClient> ClientFor(string user)
{
    var client = app.CreateHttpClient(ResourceNames.Gateway);
    var tokenResponse = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "relief-cli", ["scope"] = "relief.api", ["username"] = user, ["password"] = demoPassword,
    }));
    var accessToken = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
    return client;
}

using var gatewayClient = await ClientFor("caseworker");
var token = gatewayClient.DefaultRequestHeaders.Authorization!.Parameter!;

// A household to read back on the database-backed endpoint.
var created = await gatewayClient.PostAsJsonAsync("/api/assessment/households",
    new { townshipCode = "341525100", villageCode = "341525100201", category = "低保", memberCount = 3 });
var householdId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

// The gateway is called at the port it listens on, as the bare YARP proxy is; behind DCP's endpoint proxy it is
// measured too, since that is how a local AppHost run reaches it.
var gatewayViaDcp = app.GetEndpoint(ResourceNames.Gateway, "http");
// Replicas of the gateway listen at ports of their own; the replicas part reaches them through DCP's proxy only.
var gateway = replicas ? gatewayViaDcp : ListeningAddress(ResourceNames.Gateway);
var assessment = app.GetEndpoint(ResourceNames.Assessment, "http");
var townshipEndpoint = app.GetEndpoint(township, "http");
var gatewayServerGc = !replicas && EnvironmentOf(ResourceNames.Gateway, "DOTNET_gcServer") != "0";
await using var bareToTownship = await HttpBenchmark.StartBareYarpAsync(townshipEndpoint, gatewayServerGc);
await using var bareToAssessment = await HttpBenchmark.StartBareYarpAsync(assessment, gatewayServerGc);

var cases = new (string Name, Uri Direct, Uri Bare, Uri Gateway, Uri GatewayViaDcp)[]
{
    ("trivial: GET township info (no I/O)",
        new Uri(townshipEndpoint, "/api/township/"),
        new Uri(bareToTownship.Address, "/api/township/"),
        new Uri(gateway, "/api/townships/341525100/"),
        new Uri(gatewayViaDcp, "/api/townships/341525100/")),
    ("database: GET one household by id",
        new Uri(assessment, $"/api/assessment/households/{householdId}"),
        new Uri(bareToAssessment.Address, $"/api/assessment/households/{householdId}"),
        new Uri(gateway, $"/api/assessment/households/{householdId}"),
        new Uri(gatewayViaDcp, $"/api/assessment/households/{householdId}")),
};

if (Runs("http") && seconds > 0)
{
    Line($"## (b) HTTP, {HttpBenchmark.Concurrency} concurrent clients, {seconds} s per run, median of 3 interleaved runs");
    Line("| endpoint | direct RPS | bare YARP RPS | gateway RPS | gateway / bare YARP | gateway / direct | bare YARP / direct | gateway behind DCP's proxy RPS |");
    Line("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (name, direct, bare, through, throughDcp) in cases)
    {
        var runs = new List<(double Direct, double Bare, double Gateway, double GatewayViaDcp)>();
        for (var round = 0; round < 3; round++)
        {
            runs.Add((
                await HttpBenchmark.RequestsPerSecondAsync(direct, token, duration),
                await HttpBenchmark.RequestsPerSecondAsync(bare, token, duration),
                await HttpBenchmark.RequestsPerSecondAsync(through, token, duration),
                await HttpBenchmark.RequestsPerSecondAsync(throughDcp, token, duration)));
        }

        var d = Median(runs.Select(r => r.Direct));
        var b = Median(runs.Select(r => r.Bare));
        var g = Median(runs.Select(r => r.Gateway));
        var gd = Median(runs.Select(r => r.GatewayViaDcp));
        Line($"| {name} | {d:N0} | {b:N0} | {g:N0} | **{g / b:0.00}** | **{g / d:0.00}** | {b / d:0.00} | {gd:N0} |");
    }

    Line("");
    Line("Goals: gateway ≥ 0.85 × bare YARP; on the database-backed endpoint gateway ≥ 0.80 × direct.");
    Line("The load generator calls the gateway and the bare YARP proxy at the ports they listen on; both forward through DCP's endpoint proxy, and \"direct\" is the service behind that same proxy, so each ratio is the cost of the proxy in front. The last column is the gateway reached through DCP's proxy too (one more TCP hop, as a local AppHost run reaches it).");
    Line("Every request carries a bearer token: the gateway validates it, applies route policies and counts it against the user's rate limit in Redis; the service validates it again; bare YARP only forwards it.");
}
Line("");

if (Runs("import"))
{
    var csv = await ImportBenchmark.WriteCsvAsync(importRows);
    var copy = await ImportBenchmark.CopyRowsPerSecondAsync(postgres, importRows);
    var (imported, upload, processing, job) = await ImportBenchmark.ImportRowsPerSecondAsync(gatewayClient, csv, importRows);
    Line($"## (c) Dynamic-monitoring import, {importRows:N0} rows ({new FileInfo(csv).Length / (1 << 20)} MiB CSV)");
    Line("| path | rows/s |");
    Line("|---|---:|");
    Line($"| plain binary COPY of the same rows, prepared in memory (unique blind index, township index) | {copy:N0} |");
    Line($"| import through the gateway: upload, store, stream, validate every field and ID check digit, encrypt, blind-index, COPY households and members, alerts, outbox events, progress | {imported:N0} |");
    Line($"| of which the background import alone (after the {upload:0} s upload and store) | {processing:N0} |");
    Line($"**import / COPY = {imported / copy:0.00}** end to end, {processing / copy:0.00} for the background import alone (goal ≥ 0.60). Job: {job.GetProperty("rowsNew").GetInt64():N0} new, {job.GetProperty("rowsRejected").GetInt64():N0} refused, {job.GetProperty("alertsRaised").GetInt64():N0} alerts.");
    Line("");
    File.Delete(csv);
}

if (Runs("xlsx"))
{
    // The same rows for other people in each file (other ID numbers and households), so both imports write as many new rows.
    var csv = await ImportBenchmark.WriteCsvAsync(workbookRows, 100, "C");
    var xlsx = ImportBenchmark.WriteXlsx(workbookRows, 200, "X");
    var (fromCsv, csvUpload, csvProcessing, csvJob) = await ImportBenchmark.ImportRowsPerSecondAsync(gatewayClient, csv, workbookRows);
    var (fromXlsx, xlsxUpload, xlsxProcessing, xlsxJob) = await ImportBenchmark.ImportRowsPerSecondAsync(gatewayClient, xlsx, workbookRows);
    Line($"## (g) A monitoring workbook against the CSV of the same rows, {workbookRows:N0} rows");
    Line("| file | size | rows/s end to end | upload (a workbook: read and converted to the platform's CSV) and store, s | background import rows/s | new / refused |");
    Line("|---|---:|---:|---:|---:|---:|");
    Line($"| CSV (UTF-8) | {new FileInfo(csv).Length / (1 << 20)} MiB | {fromCsv:N0} | {csvUpload:0.0} | {csvProcessing:N0} | {csvJob.GetProperty("rowsNew").GetInt64():N0} / {csvJob.GetProperty("rowsRejected").GetInt64():N0} |");
    Line($"| .xlsx (title row, header, amounts as numbers) | {new FileInfo(xlsx).Length / (1 << 20)} MiB | {fromXlsx:N0} | {xlsxUpload:0.0} | {xlsxProcessing:N0} | {xlsxJob.GetProperty("rowsNew").GetInt64():N0} / {xlsxJob.GetProperty("rowsRejected").GetInt64():N0} |");
    Line($"**xlsx / CSV = {fromXlsx / fromCsv:0.00}** end to end (goal ≥ 0.50).");
    Line("");
    File.Delete(csv);
    File.Delete(xlsx);
}

if (Runs("ledger"))
{
    await ImportBenchmark.FillToAsync(postgres, ledgerHouseholds);
    await ImportBenchmark.SettleAsync(postgres);
    Line($"## (d) Needs ledger at {ledgerHouseholds:N0} households, through the gateway, one caller, 200 requests per filter");
    Line("| filter | p50 ms | p95 ms |");
    Line("|---|---:|---:|");
    foreach (var query in new[]
    {
        "townshipCode=341525103&degree=Severe",
        "townshipCode=341525105&type=disability-care&sort=due",
        "townshipCode=341525100&needCode=meal-assistance&due=overdue",
        "villageCode=341525107203",
        "degree=Severe&type=economic",
    })
    {
        var (p50, p95) = await ImportBenchmark.LedgerLatencyAsync(gatewayClient, query + "&pageSize=50", 200);
        Line($"| `{query}` | {p50:0.0} | {p95:0.0} |");
    }

    Line("Goal: p95 < 50 ms per filtered page.");
}

if (Runs("flow"))
{
    // flow-rates=10,20 for a shorter run while looking into one change; the record runs the five.
    var flowRates = values[9] is { } listed
        ? listed.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray()
        : [10, 20, 30, 50, 200];
    var flowSeconds = Math.Max(seconds, 10);
    foreach (var service in new[] { ResourceNames.Delivery, ResourceNames.Funding, ResourceNames.Provider, ResourceNames.Catalogue })
    {
        await app.ResourceNotifications.WaitForResourceHealthyAsync(service);
    }

    var flows = await FlowBenchmark.RunAsync(broker, postgres, ClientFor, flowRates, TimeSpan.FromSeconds(flowSeconds));
    var atRest = await FlowBenchmark.AtRestAsync();
    Line($"## (e) Needs to assigned order, through RabbitMQ: NeedsAssessed → plan drafted → approved (gateway) → provider matched → funds reserved → WorkOrderAssigned; {flowSeconds} s per rate");
    Line("| offered flows/s | flows | completed | completed flows/s | p50 ms | p95 ms | p99 ms | p95 to plan drafted ms | p95 approval to assigned ms | p95 incl. waiting for approval ms | county CPU ms per flow |");
    Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in flows)
    {
        Line($"| {r.Rate} | {r.Started:N0} | {r.Completed:N0} | {r.Completed / r.Seconds:N0} | {r.P50:N0} | {r.P95:N0} | {r.P99:N0} | {r.DraftP95:N0} | {r.AssignP95:N0} | {r.WallP95:N0} | {r.CpuPerFlow:N1} |");
    }

    Line("Goals: p95 < 250 ms at 200 flows/s; county CPU ≤ 15 ms per flow at a steady rate (issue 24). Latency is machine time: NeedsAssessed published → ServicePlanDrafted, plus approval sent → WorkOrderAssigned received. "
        + "CPU is every county process's user + system time from /proc (services, PostgreSQL, RabbitMQ, Redis, DCP) from the first publish to the last assignment, over completed flows; by process:");
    Line("");
    var kinds = flows.SelectMany(r => r.Cpu).GroupBy(c => c.Key).OrderByDescending(g => g.Sum(c => c.Value)).Select(g => g.Key).ToList();
    Line($"| process | at rest, ms per second | {string.Join(" | ", flows.Select(r => $"ms per flow at {r.Rate}/s"))} |");
    Line($"|---|---:|{string.Concat(flows.Select(_ => "---:|"))}");
    foreach (var kind in kinds)
    {
        Line($"| {kind} | {atRest.GetValueOrDefault(kind):N1} | {string.Join(" | ", flows.Select(r => r.Completed == 0 ? "–" : (r.Cpu.GetValueOrDefault(kind) / r.Completed).ToString("N1", CultureInfo.InvariantCulture)))} |");
    }

    // What the flows themselves cost: the county's CPU less what it spends at rest over the same seconds.
    var idleCounty = ProcessCpu.County(atRest);
    Line("");
    Line($"The county at rest spends {idleCounty:N0} ms of CPU per second; less that, per completed flow: " +
        string.Join(", ", flows.Where(r => r.Completed > 0).Select(r => $"{(ProcessCpu.County(r.Cpu.ToDictionary()) - idleCounty * r.CpuSeconds) / r.Completed:N1} ms at {r.Rate}/s")) + ".");

    Line("");
    // PostgreSQL's share, by statement (pg_stat_statements, execution time only — parsing, planning and the connections'
    // own work are in the process figure above), at the first (steadiest) rate.
    if (flows is [var steady, ..] && steady.Completed > 0)
    {
        Line($"PostgreSQL's statements at {steady.Rate}/s, most execution time first (pg_stat_statements):");
        Line("");
        Line("| database | calls per flow | exec ms per flow | mean ms | rows per call | statement |");
        Line("|---|---:|---:|---:|---:|---|");
        foreach (var s in steady.Statements)
        {
            Line($"| {s.Database} | {(double)s.Calls / steady.Completed:N1} | {s.TotalMs / steady.Completed:N2} | {s.TotalMs / Math.Max(1, s.Calls):N3} | {(double)s.Rows / Math.Max(1, s.Calls):N1} | `{StatementStats.OneLine(s.Query)}` |");
        }

        Line("");
    }
}

if (Runs("routing"))
{
    foreach (var service in new[] { ResourceNames.Delivery, ResourceNames.Funding, ResourceNames.Provider, ResourceNames.Catalogue })
    {
        await app.ResourceNotifications.WaitForResourceHealthyAsync(service);
    }

    const int routingRate = 20;
    var codes = RenderBenchmark.Townships(Path.Combine(FindRepositoryRoot(), "AppHost", "appsettings.json")).Select(t => t.Code).ToList();
    var routed = await RoutingBenchmark.RunAsync(broker, codes, FlowBenchmark.Township, async () =>
    {
        var run = await FlowBenchmark.RunAsync(broker, postgres, ClientFor, [routingRate], duration);
        return FlowBenchmark.WarmUpFlows + run.Sum(r => r.Started);
    });
    Line($"## (e2) Deliveries to {routed.Townships} township centres per flow, before and after routing by township (issue 23)");
    Line($"{routed.Flows:N0} flows of part (e) (household registered → needs assessed → plan → approved → order created → assigned; all in 衡山镇), {FlowBenchmark.WarmUpFlows} of them the warm-up at 5/s, the rest at {routingRate}/s. "
        + "A weekly line gets this week's order and, ahead, next week's (two `WorkOrderCreated` per flow); `WorkOrderAssigned` counts those assigned when the queues stopped growing. "
        + "Each township has two probe queues on the county's broker bound as a centre's queues: *before* to each township event's exchange itself (as every centre was), *after* to its `.by-township` exchange under the township's code and `county` (as centres are now). The events are those the running centre consumes.");
    Line("");
    Line("| township event | published | per flow |");
    Line("|---|---:|---:|");
    foreach (var (name, published) in routed.Events)
    {
        Line($"| `{name}` | {published:N0} | {(double)published / routed.Flows:0.00} |");
    }

    Line("");
    Line("| | deliveries to the centres | per flow | of which to the flow's own centre |");
    Line("|---|---:|---:|---:|");
    Line($"| before (every centre bound to every event) | {routed.Before:N0} | {(double)routed.Before / routed.Flows:0.00} | {(double)routed.Before / routed.Townships / routed.Flows:0.00} |");
    Line($"| after (routing key = township) | {routed.After:N0} | {(double)routed.After / routed.Flows:0.00} | {(double)routed.OwnTownshipAfter / routed.Flows:0.00} |");
    Line($"**after / before = {(double)routed.After / Math.Max(1, routed.Before):0.000}**: each centre receives its own township's events and the county-wide ones (a household's move) only.");
    Line("");
}

if (replicas)
{
    foreach (var service in new[] { ResourceNames.Delivery, ResourceNames.Funding, ResourceNames.Provider, ResourceNames.Catalogue })
    {
        await app.ResourceNotifications.WaitForResourceHealthyAsync(service);
    }

    if (!await ReplicasBenchmark.RunAsync(app, broker, postgres, ClientFor, replicaFlows, replicaRate, Line))
    {
        Line("**Not every check held** (see above).");
        Environment.ExitCode = 1;
    }
}

if (render)
{
    // The demo county fills itself after the start; its worker finishes when it is done.
    var filling = System.Diagnostics.Stopwatch.StartNew();
    var filled = await app.ResourceNotifications.WaitForResourceAsync(ResourceNames.DemoCounty, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text));
    Console.WriteLine($"The demo county is filled ({filling.Elapsed.TotalMinutes:0.0} min after the county answered).");
    var phases = await RenderBenchmark.DemoPhasesAsync(app);
    var portal = app.GetEndpoint(ResourceNames.Gateway, "http");
    var townships = RenderBenchmark.Townships(Path.Combine(FindRepositoryRoot(), "AppHost", "appsettings.json"));
    var households = await RenderBenchmark.HouseholdsAsync(gatewayClient, townships.Select(t => t.Code));
    var everywhere = households.Values.SelectMany(h => h).ToList();
    List<(HttpClient Client, string? Township)> users = [];
    foreach (var (user, townshipCode) in RenderBenchmark.People(townships))
    {
        users.Add((await RenderBenchmark.SignInAsync(portal, user, demoPassword), townshipCode));
    }

    string HouseholdPath(string? townshipCode, int n)
    {
        var list = townshipCode is null ? everywhere : households[townshipCode];
        return $"/households/{list[n % list.Count]}";
    }

    // The dashboard's readers (county administrators, caseworkers, finance, supervisors), five sessions of each: 20 at once.
    List<(HttpClient Client, string? Township)> readers = [];
    foreach (var user in RenderBenchmark.DashboardReaders)
    {
        readers.Add((await RenderBenchmark.SignInAsync(portal, user, demoPassword), null));
    }

    Line($"## (f) Portal pages on the demo county ({demoHouseholds:N0} households and the year before migrated), {users.Count} signed-in users at once through the gateway, {seconds * 4} s per page, after a {seconds} s warm-up");
    Line($"The county answered {answeredAfter.TotalSeconds:0} s after the start (goal 60 s); the demo county was filled {filling.Elapsed.TotalMinutes:0.0} min after that (its worker's exit code {filled.Snapshot.ExitCode}). Its phases, from the demo-county's log:");
    Line("");
    Line("| phase | seconds | counts |");
    Line("|---|---:|---|");
    foreach (var phase in phases)
    {
        Line($"| {phase.Name} | {phase.Seconds:N0} | {phase.Counts} |");
    }

    Line("");
    Line("| page | users | requests | p50 first byte ms | p95 first byte ms | p50 whole page ms | p95 whole page ms | failed | goal p95 |");
    Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (name, who, path, marker, goal) in new (string, List<(HttpClient, string?)>, Func<string?, int, string>, string, int)[]
    {
        ("工作台 `/`", users, (_, _) => "/", "blazor.web.js", 500),
        ("household page `/households/{id}`", users, HouseholdPath, "blazor.web.js", 500),
        // The month's KPIs by township, six months' trend, the twelve months (the migrated year among them), unmet items, spend by source.
        ("全县监管看板 `/dashboard`", readers, (_, _) => "/dashboard", "data-testid=\"township-figures\"", 800),
    })
    {
        await RenderBenchmark.RunAsync(who, path, duration, marker);
        var (firstByte, complete, failed) = await RenderBenchmark.RunAsync(who, path, duration * 4, marker);
        Line($"| {name} | {who.Count} | {firstByte.Count:N0} | {RenderBenchmark.Percentile(firstByte, 0.50):N0} | {RenderBenchmark.Percentile(firstByte, 0.95):N0} | {RenderBenchmark.Percentile(complete, 0.50):N0} | {RenderBenchmark.Percentile(complete, 0.95):N0} | {failed} | {goal} ms |");
    }

    Line("");
    Line("Goals: p95 < 500 ms for the 工作台 and the household page, < 800 ms for the dashboard (issue 21). The portal prerenders each page on the server (its API calls through the gateway included) before the first byte; the browser then connects the page's Blazor circuit and draws the charts (not measured here). A dashboard answer counts only when its township table was rendered (not a refusal or an error).");
    Line("");
    foreach (var (client, _) in users.Concat(readers))
    {
        client.Dispose();
    }
}

if (only.Split(',').Contains("serve"))
{
    // For profiling with an outside load tool: the county stays up while bench-results/serving.txt exists.
    var serving = Path.Combine(FindRepositoryRoot(), "bench-results", "serving.txt");
    await File.WriteAllTextAsync(serving, $"""
        gateway {gateway}
        gateway-via-dcp {gatewayViaDcp}
        township {townshipEndpoint}
        bare-township {bareToTownship.Address}
        assessment {assessment}
        bare-assessment {bareToAssessment.Address}
        household {householdId}
        token {token}
        """);
    Console.WriteLine($"Serving; delete {serving} to stop.");
    while (File.Exists(serving))
    {
        await Task.Delay(1000);
    }
}

var folder = Path.Combine(FindRepositoryRoot(), "bench-results");
Directory.CreateDirectory(folder);
// A partial run (parts=…) writes a file of its own, so it never overwrites a whole run's figures.
var file = Path.Combine(folder, only == "all" ? "latest.md" : $"latest-{only.Replace(',', '-')}.md");
await File.WriteAllTextAsync(file, report.ToString());
Console.WriteLine($"Written to {file}");
await app.StopAsync();

// An environment variable a resource was started with (null when it was not set).
string? EnvironmentOf(string resource, string name) =>
    app.ResourceNotifications.TryGetCurrentState(resource, out var state)
        ? state.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == name)?.Value
        : throw new InvalidOperationException($"{resource} has no state.");

// Where a project really listens (its ASPNETCORE_URLS), beside the DCP proxy address GetEndpoint gives.
Uri ListeningAddress(string resource) =>
    new((EnvironmentOf(resource, "ASPNETCORE_URLS") ?? throw new InvalidOperationException($"{resource} has no ASPNETCORE_URLS.")).Split(';')[0]);

static string Rounds(IEnumerable<double> rounds) => string.Join(" / ", rounds.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)));

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

static string FindRepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReliefPlatform.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
