using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The whole drill once, as operations staff would run it on a kept county: write, note the time, write again, lose the
/// data folder, export the keys, restore the backups to the noted time with the keys, and start the county on the
/// restored folder — the household registered before the time is served (its sealed personal data opens with the
/// restored keys), the one after is not, and the audit chains verify; an order placed and funded before the time is there
/// with its money reserved once, one placed after is in neither Delivery nor Funding, and the reconciliation finds the
/// services agreeing. Starts two counties one after the other.
/// </summary>
[Collection(OwnCountyCollection.Name)]
public sealed class CountyRestoreTests(ITestOutputHelper output) : IDisposable
{
    private const string Hengshan = "341525100";
    private const string Passphrase = "county restore drill 2026";
    private static readonly string DemoPassword = $"Rd{Guid.NewGuid():N}"[..14] + "7Q";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"county-restore-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_county_restored_with_its_keys_to_a_time_serves_what_was_written_before_it_and_not_after()
    {
        var kept = Path.Combine(_root, "county");
        var restored = Path.Combine(_root, "restored");
        var bundle = Path.Combine(_root, "county.keys");
        Guid before, after, fundedBefore, placedAfter;
        var project = $"RS-{Guid.NewGuid():N}"[..12];
        DateTimeOffset target;
        await using (var county = await StartAsync(kept))
        {
            var caseworker = await ClientAsync(county, "caseworker");
            var database = await county.GetConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment))
                ?? throw new InvalidOperationException("no connection string for Assessment's database");
            await MessagingHost.EventuallyAsync(
                () => Task.FromResult(Directory.Exists(Path.Combine(kept, "postgres-backups", "base"))
                    && Directory.GetDirectories(Path.Combine(kept, "postgres-backups", "base")).Any(d => File.Exists(Path.Combine(d, "start-wal")))),
                "a base backup is complete", TimeSpan.FromMinutes(2));

            before = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "205");
            await Budgets.AllocateAsync(await ClientAsync(county, "finance"), await ClientAsync(county, "county-admin"), project, Hengshan, 1000.00m);
            fundedBefore = await Orders.PlaceAsync(caseworker, before, project, units: 2);
            await Orders.AssignedAsync(caseworker, fundedBefore);
            await Task.Delay(TimeSpan.FromSeconds(1));
            target = await ScalarAsync<DateTimeOffset>(database, "SELECT clock_timestamp()");
            await Task.Delay(TimeSpan.FromSeconds(1));
            after = await Assessments.RegisterAsync(caseworker, Hengshan, "205");
            placedAfter = await Orders.PlaceAsync(caseworker, before, project, units: 1);
            await Orders.AssignedAsync(caseworker, placedAfter);
            var segment = await ScalarAsync<string>(database, "SELECT pg_walfile_name(pg_current_wal_lsn())");
            await ScalarAsync<object>(database, "SELECT pg_switch_wal()::text");
            await MessagingHost.EventuallyAsync(
                async () => string.CompareOrdinal(await ScalarAsync<string>(database, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver"), segment) >= 0,
                $"WAL {segment} is archived");
        }

        var export = await OperatorAsync("keys", "export", "--to", bundle, "--data-directory", kept);
        Assert.True(export.ExitCode == 0, export.Output);
        // The dead disk: the data folder is gone; the backups and the bundle were kept elsewhere.
        Directory.Delete(Path.Combine(kept, "postgres"), recursive: true);

        var restore = await OperatorAsync("restore", "--backups", Path.Combine(kept, "postgres-backups"), "--to-time", target.ToString("O"),
            "--data-directory", restored, "--keys", bundle);
        output.WriteLine(restore.Output);
        Assert.True(restore.ExitCode == 0, restore.Output);

        var clock = Stopwatch.StartNew();
        await using (var county = await StartAsync(restored))
        {
            output.WriteLine($"county healthy on the restored folder {clock.Elapsed.TotalSeconds:0} s after its start");
            var caseworker = await ClientAsync(county, "caseworker");
            using var found = await caseworker.GetAsync($"/api/assessment/households/{before}");
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            var household = await found.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(before, household.GetProperty("id").GetGuid());
            using var missing = await caseworker.GetAsync($"/api/assessment/households/{after}");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            // The money as it stood at the time: the first order's reservation once (what the outboxes send again on
            // start is dropped by the inboxes that had it), the second order nowhere.
            var finance = await ClientAsync(county, "finance");
            Assert.Equal("Assigned", await Orders.StatusAsync(caseworker, fundedBefore));
            using var lost = await caseworker.GetAsync($"/api/delivery/work-orders/{placedAfter}");
            Assert.Equal(HttpStatusCode.NotFound, lost.StatusCode);
            Assert.Equal(120.00m, await Budgets.CommittedAsync(finance, project));
            var (agree, _, reconciliation) = await FundingRestoredBehindDeliveryTests.ReconcileAsync(
                (await county.GetConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Funding)))!);
            Assert.True(agree == 0, reconciliation);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(120.00m, await Budgets.CommittedAsync(finance, project));

            var supervisor = await ClientAsync(county, "supervisor");
            foreach (var chain in new[] { "/api/assessment/audit/verify", "/api/identity/audit/verify" })
            {
                var verification = await supervisor.GetFromJsonAsync<JsonElement>(chain);
                Assert.True(verification.GetProperty("intact").GetBoolean(), $"{chain}: {verification}");
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static Task<DistributedApplication> StartAsync(string dataDirectory) =>
        OwnCounty.StartAsync(DemoPassword, [$"--Infrastructure:DataDirectory={dataDirectory}"]);

    private static Task<HttpClient> ClientAsync(DistributedApplication app, string userName) => OwnCounty.ClientAsync(app, userName, DemoPassword);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<T>(0);
    }

    private static Task<(int ExitCode, string Output)> OperatorAsync(params string[] arguments) =>
        OperatorCommand.RunAsync(new Dictionary<string, string> { ["RELIEF_KEYS_PASSPHRASE"] = Passphrase }, arguments);
}
