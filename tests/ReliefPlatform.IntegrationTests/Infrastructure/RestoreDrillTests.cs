using System.Diagnostics;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The drill an operator runs: the county's PostgreSQL, continuously archived by the AppHost, restored to a point in time
/// into a fresh folder with the <c>restore</c> command — what was written before that time is there, what came after is
/// not, and every audit chain still verifies. A damaged archive stops the restore with its reason.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class RestoreDrillTests(CountyAppFixture county, ITestOutputHelper output)
{
    private const string Hengshan = "341525100";
    private const string BackupResource = $"{ResourceNames.Postgres}-backups";

    [Fact]
    public async Task A_database_restored_to_a_time_between_two_writes_has_the_first_and_not_the_second_and_its_audit_chains_verify()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var assessmentDb = await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment));
        var backups = await BackupFolderWithABaseBackupAsync();

        var before = await Assessments.RegisterAsync(caseworker, Hengshan, "204");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var target = await ServerTimeAsync(assessmentDb);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = await Assessments.RegisterAsync(caseworker, Hengshan, "204");
        await ArchiveEverythingWrittenAsync(assessmentDb);

        var folder = Path.Combine(Path.GetTempPath(), $"restore-drill-{Guid.NewGuid():N}");
        try
        {
            var clock = Stopwatch.StartNew();
            var (exitCode, text) = await RestoreAsync(assessmentDb, backups, target, folder);
            output.WriteLine($"restore took {clock.Elapsed.TotalSeconds:0.0} s:{Environment.NewLine}{text}");
            Assert.True(exitCode == 0, text);

            var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "restore-report.json"))).RootElement;
            var chains = report.GetProperty("auditChains").EnumerateArray().ToList();
            Assert.Contains(chains, c => c.GetProperty("database").GetString() == ResourceNames.DatabaseOf(ResourceNames.Identity));
            Assert.All(chains, c => Assert.True(c.GetProperty("intact").GetBoolean(), $"{c.GetProperty("database")} chain broken"));
            Assert.Contains(report.GetProperty("databases").EnumerateArray(), d => d.GetProperty("name").GetString() == ResourceNames.DatabaseOf(ResourceNames.Assessment)
                && d.GetProperty("rows").GetProperty("households").GetInt64() > 0);

            var restored = new NpgsqlConnectionStringBuilder(assessmentDb) { Host = "127.0.0.1", Port = report.GetProperty("port").GetInt32() }.ConnectionString;
            Assert.Equal(1, await HouseholdsAsync(restored, before));
            Assert.Equal(0, await HouseholdsAsync(restored, after));
            Assert.Equal(1, await HouseholdsAsync(assessmentDb, after));
        }
        finally
        {
            await StopRestoredServerAsync(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_damaged_WAL_file_in_the_archive_stops_the_restore_with_a_message_naming_it()
    {
        var assessmentDb = await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment));
        var backups = await BackupFolderWithABaseBackupAsync();
        var target = await ServerTimeAsync(assessmentDb);
        await ArchiveEverythingWrittenAsync(assessmentDb);

        // A copy of the archive (owner and modes kept: PostgreSQL reads it as its own user) with the segment each base
        // backup starts at damaged: whichever the restore takes, it needs that one first.
        var damaged = Path.Combine(Path.GetTempPath(), $"damaged-backups-{Guid.NewGuid():N}");
        var folder = Path.Combine(Path.GetTempPath(), $"restore-drill-{Guid.NewGuid():N}");
        try
        {
            await OperatorCommand.ToolAsync("cp", null, "-a", backups, damaged);
            var segments = new List<string>();
            foreach (var baseBackup in Directory.GetDirectories(Path.Combine(damaged, "base")))
            {
                var segment = (await File.ReadAllTextAsync(Path.Combine(baseBackup, "start-wal"))).Trim();
                segments.Add(segment);
                await using var file = new FileStream(Path.Combine(damaged, "wal", $"{segment}.gz"), FileMode.Open, FileAccess.Write);
                file.Seek(100, SeekOrigin.Begin);
                await file.WriteAsync("damaged by the drill"u8.ToArray());
            }

            var (exitCode, text) = await RestoreAsync(assessmentDb, damaged, target, folder);
            output.WriteLine(text);
            Assert.NotEqual(0, exitCode);
            Assert.Contains(segments, segment => text.Contains($"archived WAL file {segment} is damaged", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(folder, "restore-report.json")));
        }
        finally
        {
            await StopRestoredServerAsync(folder);
            foreach (var directory in new[] { damaged, folder }.Where(Directory.Exists))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The AppHost's backup folder, once its first base backup (taken in the background at start) is complete.</summary>
    private async Task<string> BackupFolderWithABaseBackupAsync()
    {
        var model = county.App.Services.GetRequiredService<DistributedApplicationModel>();
        var backups = model.Resources.OfType<ExecutableResource>().Single(r => r.Name == BackupResource).WorkingDirectory;
        await MessagingHost.EventuallyAsync(
            () => Task.FromResult(Directory.Exists(Path.Combine(backups, "base"))
                && Directory.GetDirectories(Path.Combine(backups, "base")).Any(d => File.Exists(Path.Combine(d, "start-wal")))),
            "a base backup is complete", TimeSpan.FromMinutes(2));

        // What operations staff see in the dashboard: the backups healthy, with the archive's and base backups' state.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var seen = await county.App.ResourceNotifications.WaitForResourceAsync(
            BackupResource,
            e => e.Snapshot.HealthReports.Any(r => r.Name == $"{BackupResource}-state" && r.Status == HealthStatus.Healthy
                && r.Description?.Contains("base backup(s), newest 20", StringComparison.Ordinal) == true),
            timeout.Token);
        var state = seen.Snapshot.HealthReports.Single(r => r.Name == $"{BackupResource}-state");
        Assert.Matches(@"^last WAL archived (\d+ s ago|never), \d+ waiting; [1-9]\d* base backup\(s\), newest 20", state.Description);
        return backups;
    }

    /// <summary>Closes the current WAL segment and waits until the archive has it (what archive_timeout does every minute).</summary>
    private static async Task ArchiveEverythingWrittenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var current = new NpgsqlCommand("SELECT pg_walfile_name(pg_current_wal_lsn())", connection);
        var segment = (string)(await current.ExecuteScalarAsync())!;
        await using var switchWal = new NpgsqlCommand("SELECT pg_switch_wal()", connection);
        await switchWal.ExecuteNonQueryAsync();
        await MessagingHost.EventuallyAsync(async () =>
        {
            await using var archived = new NpgsqlCommand("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver", connection);
            return string.CompareOrdinal((string)(await archived.ExecuteScalarAsync())!, segment) >= 0;
        }, $"WAL {segment} is archived");
    }

    private static async Task<DateTimeOffset> ServerTimeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    private static async Task<long> HouseholdsAsync(string connectionString, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM households WHERE \"Id\" = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The operator's command, as they run it: the AppHost's <c>restore</c>, leaving the restored server up.</summary>
    private static Task<(int ExitCode, string Output)> RestoreAsync(string connectionString, string backups, DateTimeOffset target, string folder) =>
        OperatorCommand.RunAsync(
            new Dictionary<string, string> { ["PG_PASSWORD"] = new NpgsqlConnectionStringBuilder(connectionString).Password! },
            "restore", "--backups", backups, "--to-time", target.ToString("O"), "--data-directory", folder, "--keep-running");

    private static async Task StopRestoredServerAsync(string folder)
    {
        var data = Path.Combine(folder, "postgres");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            var pgCtl = OperatorCommand.PostgresTool("pg_ctl");
            if (Environment.IsPrivilegedProcess)
            {
                await OperatorCommand.ToolAsync("setpriv", null, "--reuid=postgres", "--regid=postgres", "--init-groups", pgCtl, "stop", "-m", "fast", "-D", data);
            }
            else
            {
                await OperatorCommand.ToolAsync(pgCtl, null, "stop", "-m", "fast", "-D", data);
            }
        }
    }
}
