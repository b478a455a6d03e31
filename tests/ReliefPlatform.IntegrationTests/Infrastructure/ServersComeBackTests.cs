using Xunit.Abstractions;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The AppHost keeps the servers it started running: a broker that dies in the middle of the county's work is
/// started again by itself, on the same node and data, and no flow is lost or doubled.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ServersComeBackTests(CountyAppFixture county, ITestOutputHelper output)
{
    private const string Hengshan = "341525100";
    private const int BeforeTheCrash = 10;
    private const int DuringTheOutage = 20;
    private static readonly string BrokerResource = $"{ResourceNames.Messaging}-server";

    [Fact]
    public async Task A_broker_killed_mid_flow_comes_back_by_itself_and_every_registration_reaches_Delivery_and_its_centre_exactly_once()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var amqpPort = new Uri(await county.ConnectionStringAsync(ResourceNames.Messaging)).Port;
        var registered = new ConcurrentBag<Guid>();
        var testStarted = DateTimeOffset.UtcNow;

        await RegisterAsync(caseworker, BeforeTheCrash, registered);
        var broker = BrokerPid(amqpPort) ?? throw new InvalidOperationException($"No process listens on the broker's port {amqpPort}.");
        Assert.Equal("beam.smp", ProcessName(broker));

        using (var process = Process.GetProcessById(broker))
        {
            process.Kill(); // SIGKILL: no chance to shut down cleanly
        }

        var outage = Stopwatch.StartNew();
        // The county keeps working while the broker is down: registrations land in Assessment's outbox.
        await RegisterAsync(caseworker, DuringTheOutage, registered);
        var registeredDuringOutageBy = outage.Elapsed;

        int? restarted = null;
        await MessagingHost.EventuallyAsync(
            () => Task.FromResult((restarted = BrokerPid(amqpPort)) is { } pid && pid != broker),
            "the broker listens again (started by the AppHost, not by the test)",
            TimeSpan.FromSeconds(90));
        var listeningAgainAfter = outage.Elapsed;
        Assert.Equal("beam.smp", ProcessName(restarted!.Value));
        var killedAt = DateTime.UtcNow - outage.Elapsed;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            // Healthy as the dashboard shows it, by a health check that ran after the kill.
            await county.App.ResourceNotifications.WaitForResourceAsync(
                BrokerResource,
                e => e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                     && e.Snapshot.HealthReports.Length > 0
                     && e.Snapshot.HealthReports.All(r => r.LastRunAt > killedAt),
                timeout.Token);
        }

        var healthyAfter = outage.Elapsed;

        var ids = registered.ToArray();
        Assert.Equal(BeforeTheCrash + DuringTheOutage, ids.Distinct().Count());
        var delivery = await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Delivery));
        var centre = await county.ConnectionStringAsync(ResourceNames.TownshipDatabaseResource("hengshan"));
        await AllRegisteredAsync(delivery, centre, ids, await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)),
            testStarted, "after the broker came back");

        var completedAfter = outage.Elapsed;

        // Exactly once: one recipient and one local household per registration, no more.
        Assert.Equal(ids.Length, await CountAsync(delivery, "recipients", ids));
        Assert.Equal(ids.Length, await CountAsync(centre, "households", ids));

        var log = await ResourceLogs.ReadAsync(county.App, BrokerResource);
        Assert.Contains(log, line => line.Contains("restarting (attempt 1)", StringComparison.Ordinal));

        output.WriteLine(
            $"broker killed (pid {broker}); {DuringTheOutage} registrations accepted during the outage within {registeredDuringOutageBy.TotalSeconds:F1} s; " +
            $"listening again (pid {restarted}) after {listeningAgainAfter.TotalSeconds:F1} s; healthy after {healthyAfter.TotalSeconds:F1} s; " +
            $"all {ids.Length} flows complete after {completedAfter.TotalSeconds:F1} s, each exactly once");
    }

    /// <summary>Registers households in 衡山镇 through the gateway, four at a time, adding each id to <paramref name="registered"/>.</summary>
    internal static async Task RegisterAsync(HttpClient caseworker, int households, ConcurrentBag<Guid> registered)
    {
        await Parallel.ForAsync(0, households, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, ct) =>
        {
            using var response = await caseworker.PostAsJsonAsync("/api/assessment/households", new
            {
                townshipCode = Hengshan,
                villageCode = $"{Hengshan}201",
                category = "特困供养",
                memberCount = 2,
            }, ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            registered.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
        });
    }

    /// <summary>The process listening on this county's AMQP port: this test's broker and no other county's.</summary>
    private static int? BrokerPid(int amqpPort) =>
        ListeningSockets.All().FirstOrDefault(s => s.Port == amqpPort && s.Pid is not null)?.Pid;

    /// <summary>Where the events of this test's registrations stand in Assessment's outbox (for a failure message).</summary>
    /// <summary>
    /// Waits up to 3 minutes until every registration is a recipient in Delivery and a household at 衡山镇; fails saying how many
    /// reached each and the state of Assessment's outbox.
    /// </summary>
    internal static async Task AllRegisteredAsync(string delivery, string centre, Guid[] ids, string assessment, DateTimeOffset since, string when)
    {
        long inDelivery = 0, atCentre = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((inDelivery = await CountAsync(delivery, "recipients", ids)) != ids.Length | (atCentre = await CountAsync(centre, "households", ids)) != ids.Length)
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{when}, {inDelivery} of {ids.Length} households reached Delivery and {atCentre} reached 衡山镇; " +
                    $"Assessment's outbox: {await OutboxStateAsync(assessment, since)}");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<string> OutboxStateAsync(string connectionString, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*), count(*) FILTER (WHERE dispatched_at IS NULL), coalesce(max(attempts), 0),
                   coalesce(extract(epoch FROM max(next_attempt_at) FILTER (WHERE dispatched_at IS NULL) - now()), 0)::int,
                   coalesce(min(last_error) FILTER (WHERE dispatched_at IS NULL), '')
            FROM outbox_messages WHERE created_at >= @since
            """, connection);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"{reader.GetInt64(0)} rows since the test started, {reader.GetInt64(1)} not dispatched, at most {reader.GetInt32(2)} attempts, " +
            $"next attempt in up to {reader.GetInt32(3)} s, error '{reader.GetString(4)}'";
    }

    private static string ProcessName(int pid) => File.ReadAllText($"/proc/{pid}/comm").Trim();

    /// <summary>How many rows of <paramref name="table"/> are one of these households.</summary>
    internal static async Task<long> CountAsync(string connectionString, string table, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE \"HouseholdId\" = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
