using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.Security.Audit;

namespace ReliefPlatform.AppHost.Operations;

/// <summary>
/// Restores the county's PostgreSQL to a point in time into a fresh data folder — the newest base backup taken before
/// that time, then the archived WAL replayed up to it (<c>recovery_target_time</c>) — promotes it, and checks it: rows by
/// table in every database, every audit chain verified, the outbox rows not yet delivered (their relay sends them once
/// the service runs on the restored database; consumers' inboxes drop what had already arrived). The report is printed
/// and written to <c>restore-report.json</c> in the folder. With <c>--keys</c> the county's keys are restored beside it, so
/// <c>run.sh --Infrastructure:DataDirectory=&lt;folder&gt;</c> starts the county on it; without them the AppHost refuses to.
/// A WAL file missing or damaged before the target stops the restore with PostgreSQL's reason, never a shorter history.
/// </summary>
/// <example>
/// dotnet ReliefPlatform.AppHost.dll restore --backups /srv/relief/postgres-backups --to-time "2026-11-30 08:15:00+08"
///     --data-directory /srv/relief-restored --keys county.keys [--keep-running]
/// </example>
internal static class RestoreCommand
{
    public const string Name = "restore";

    public const string ReportFile = "restore-report.json";

    private const string Usage = """
        usage: restore --backups <backup folder> --to-time <time, e.g. "2026-11-30 08:15:00+08"> --data-directory <new folder>
                       [--keys <key bundle>] [--keep-running]
        """;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = OperatorArguments.Parse(args);
        if (!options.TryGetValue("backups", out var backups) || !options.TryGetValue("to-time", out var toTime)
            || !options.TryGetValue("data-directory", out var dataDirectory))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (!DateTimeOffset.TryParse(toTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var target))
        {
            await Console.Error.WriteLineAsync($"--to-time '{toTime}' is not a time (e.g. \"2026-11-30 08:15:00+08\").");
            return 2;
        }

        try
        {
            var report = await RestoreAsync(
                new BackupSettings(true, Path.GetFullPath(backups), 0, 0), target.ToUniversalTime(), Path.GetFullPath(dataDirectory),
                options.GetValueOrDefault("keys"), options.ContainsKey("keep-running"));
            Print(report);
            return report.AuditChains.All(c => c.Intact) ? 0 : 3;
        }
        catch (RestoreException ex)
        {
            await Console.Error.WriteLineAsync($"Restore failed: {ex.Message}");
            return 1;
        }
        catch (KeyBundleException ex)
        {
            await Console.Error.WriteLineAsync($"Restore failed (keys): {ex.Message}");
            return 1;
        }
    }

    private static async Task<RestoreReport> RestoreAsync(BackupSettings backups, DateTimeOffset target, string root, string? keys, bool keepRunning)
    {
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new RestoreException($"{root} is not empty: a restore goes into a fresh folder, never over data.");
        }

        var baseBackup = NewestBaseBackupBefore(backups, target);
        var data = Path.Combine(root, "postgres");
        Directory.CreateDirectory(Path.Combine(data, "pg_wal"));
        await RunAsync("tar", ["-xzf", Path.Combine(baseBackup, "base.tar.gz"), "-C", data]);
        await RunAsync("tar", ["-xzf", Path.Combine(baseBackup, "pg_wal.tar.gz"), "-C", Path.Combine(data, "pg_wal")]);

        var restoreWal = Path.Combine(AppContext.BaseDirectory, "infra", "restore-wal.sh");
        foreach (var path in new[] { restoreWal, backups.WalDirectory })
        {
            if (path.Contains('\'', StringComparison.Ordinal) || path.Contains(' ', StringComparison.Ordinal))
            {
                throw new RestoreException($"{path}: a path with quotes or spaces cannot go into restore_command.");
            }
        }

        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.auto.conf"), $"""

            restore_command = 'bash {restoreWal} {backups.WalDirectory} %f %p'
            recovery_target_time = '{target:yyyy-MM-dd HH:mm:ss.ffffff}+00'
            recovery_target_action = 'promote'

            """);
        await File.WriteAllTextAsync(Path.Combine(data, "recovery.signal"), "");
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", data]);
        }

        await RunAsync("chmod", ["700", data]);
        if (keys is not null)
        {
            await KeysCommand.RestoreIntoAsync(keys, root);
        }

        var port = FreePort();
        var log = Path.Combine(root, "restore-postgres.log");
        if (Environment.IsPrivilegedProcess)
        {
            File.WriteAllText(log, "");
            await RunAsync("chown", ["postgres", log]);
        }

        var started = await RunAsync(PgCtl(), ["start", "-w", "-t", "1800", "-D", data, "-l", log, "-o",
            $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=500 -c archive_mode=off"], check: false);
        if (started.ExitCode != 0)
        {
            throw new RestoreException($"PostgreSQL did not come up on the restored data: {RecoveryFailure(log)}");
        }

        // The restored server keeps the county's superuser password: the county started on the folder needs it too.
        var password = await PasswordAsync();
        await KeysCommand.WritePrivateAsync(LocalState.SecretFile(root, "servers-password"), Encoding.UTF8.GetBytes(password));
        var server = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Timeout=10";
        try
        {
            DateTimeOffset? lastReplayed;
            await using (var connection = await PromotedAsync(server, log))
            {
                await using var reset = new NpgsqlCommand(
                    "ALTER SYSTEM RESET restore_command; ALTER SYSTEM RESET recovery_target_time; ALTER SYSTEM RESET recovery_target_action; SELECT pg_reload_conf();",
                    connection);
                await reset.ExecuteNonQueryAsync();
                await using var replayed = new NpgsqlCommand("SELECT pg_last_xact_replay_timestamp()", connection);
                await using var reader = await replayed.ExecuteReaderAsync();
                await reader.ReadAsync();
                lastReplayed = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
            }

            var restoredIn = clock.Elapsed;
            var (databases, chains) = await CheckAsync(server);
            return new RestoreReport(
                target, Path.GetFileName(baseBackup), lastReplayed, Math.Round(restoredIn.TotalSeconds, 1), root,
                keys is not null, keepRunning ? port : null, databases, chains);
        }
        finally
        {
            if (!keepRunning)
            {
                await RunAsync(PgCtl(), ["stop", "-m", "fast", "-D", data], check: false);
            }
        }

        async Task<string> PasswordAsync() =>
            Environment.GetEnvironmentVariable("PG_PASSWORD") is { Length: > 0 } password ? password
            : File.Exists(LocalState.SecretFile(Path.Combine(backups.Directory, ".."), "servers-password"))
                ? (await File.ReadAllTextAsync(LocalState.SecretFile(Path.Combine(backups.Directory, ".."), "servers-password"))).Trim()
                : throw new RestoreException("The postgres password is not known: set PG_PASSWORD (the county's servers password, .secrets/servers-password of its data folder).");
    }

    /// <summary>The newest complete base backup started before the target; WAL replay takes it from there.</summary>
    private static string NewestBaseBackupBefore(BackupSettings backups, DateTimeOffset target)
    {
        if (!Directory.Exists(backups.BaseDirectory))
        {
            throw new RestoreException($"{backups.BaseDirectory} does not exist: no base backups there.");
        }

        var candidates = Directory.EnumerateDirectories(backups.BaseDirectory)
            .Select(d => (Path: d, Started: DateTimeOffset.TryParseExact(Path.GetFileName(d), "yyyyMMdd'T'HHmmss'Z'",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null))
            .Where(b => b.Started is { } at && at < target && File.Exists(Path.Combine(b.Path, "base.tar.gz")))
            .OrderBy(b => b.Started)
            .ToList();
        return candidates.Count > 0
            ? candidates[^1].Path
            : throw new RestoreException($"No base backup in {backups.BaseDirectory} was taken before {target:u}: the county cannot be restored to that time.");
    }

    /// <summary>Waits until recovery has reached the target and the server is promoted, or says why it stopped.</summary>
    private static async Task<NpgsqlConnection> PromotedAsync(string server, string log)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection($"{server};Database=postgres");
                await connection.OpenAsync();
                await using var recovering = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
                if (await recovering.ExecuteScalarAsync() is false)
                {
                    return connection;
                }

                await connection.DisposeAsync();
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                if (RecoveryFailure(log) is { Length: > 0 } failure && failure.Contains("FATAL", StringComparison.Ordinal))
                {
                    throw new RestoreException(failure);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new RestoreException($"Recovery did not finish in 30 minutes: {RecoveryFailure(log)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>What the server wrote about why it stopped (its FATAL lines and the WAL script's complaints).</summary>
    private static string RecoveryFailure(string log)
    {
        var lines = File.Exists(log) ? File.ReadAllLines(log) : [];
        var reasons = lines.Where(l => l.Contains("FATAL", StringComparison.Ordinal) || l.Contains("restore-wal:", StringComparison.Ordinal)
            || l.Contains("DETAIL", StringComparison.Ordinal) || l.Contains("HINT", StringComparison.Ordinal)).TakeLast(6).ToList();
        return reasons.Count > 0 ? string.Join(Environment.NewLine, reasons) : string.Join(Environment.NewLine, lines.TakeLast(5));
    }

    private static async Task<(List<DatabaseCheck> Databases, List<AuditChainCheck> Chains)> CheckAsync(string server)
    {
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY datname", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        var databases = new List<DatabaseCheck>();
        var chains = new List<AuditChainCheck>();
        foreach (var name in names)
        {
            var connectionString = $"{server};Database={name}";
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var tables = new List<(string Schema, string Table)>();
            await using (var list = new NpgsqlCommand(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
                connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (schema, table) in tables)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\".\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                rows[schema == "public" ? table : $"{schema}.{table}"] = (long)(await count.ExecuteScalarAsync())!;
            }

            long? undelivered = null;
            if (tables.Contains(("public", "outbox_messages")))
            {
                await using var outbox = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL", connection);
                undelivered = (long)(await outbox.ExecuteScalarAsync())!;
            }

            if (tables.Contains(("public", "audit_entries")))
            {
                await using var audit = new AuditLogContext(new DbContextOptionsBuilder<AuditLogContext>().UseNpgsql(connectionString).Options);
                var verification = await AuditTrail.VerifyAsync(audit, CancellationToken.None);
                chains.Add(new AuditChainCheck(name, verification.Entries, verification.Intact, verification.FirstBrokenSequence));
            }

            databases.Add(new DatabaseCheck(name, rows, undelivered));
        }

        return (databases, chains);
    }

    private static void Print(RestoreReport report)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Restored to {report.Target:u} from base backup {report.BaseBackup} in {report.RestoredInSeconds} s; last transaction replayed at {report.LastTransactionReplayed?.ToString("u", CultureInfo.InvariantCulture) ?? "(none after the base backup)"}.");
        foreach (var database in report.Databases)
        {
            var outbox = database.UndeliveredEvents is { } u ? $", {u} outbox events not yet delivered (the relay sends them when the service starts)" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {database.Name}: {database.Rows.Count} tables, {database.Rows.Values.Sum()} rows{outbox}");
        }

        foreach (var chain in report.AuditChains)
        {
            var state = chain.Intact ? "intact" : $"BROKEN at sequence {chain.FirstBrokenSequence}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  audit chain {chain.Database}: {chain.Entries} entries, {state}");
        }

        text.AppendLine(report.KeysRestored
            ? $"Keys restored. Start the county on it: bash run.sh --Infrastructure:DataDirectory={report.DataDirectory}"
            : $"Keys NOT restored: the county will not start on it until 'keys restore --from <bundle> --data-directory {report.DataDirectory}'.");
        if (report.Port is { } port)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The restored server runs on 127.0.0.1:{port} (stop: pg_ctl stop -D {Path.Combine(report.DataDirectory, "postgres")}).");
        }

        Console.Write(text.ToString());
        File.WriteAllText(Path.Combine(report.DataDirectory, ReportFile), JsonSerializer.Serialize(report, Json));
    }

    private static string PgCtl() =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).Where(File.Exists)
            .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).LastOrDefault()
        ?? throw new RestoreException("pg_ctl not found under /usr/lib/postgresql (apt-get install postgresql).");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a tool; pg_ctl runs as the postgres user when this runs as root (PostgreSQL refuses root).</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, bool check = true)
    {
        var asPostgres = Environment.IsPrivilegedProcess && file.EndsWith("pg_ctl", StringComparison.Ordinal);
        var start = new ProcessStartInfo(asPostgres ? "setpriv" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new RestoreException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var all = await output + await error;
        if (check && process.ExitCode != 0)
        {
            throw new RestoreException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {all.Trim()}");
        }

        return (process.ExitCode, all);
    }

    private sealed class AuditLogContext(DbContextOptions<AuditLogContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddAuditLog();
    }
}

internal sealed record RestoreReport(
    DateTimeOffset Target,
    string BaseBackup,
    DateTimeOffset? LastTransactionReplayed,
    double RestoredInSeconds,
    string DataDirectory,
    bool KeysRestored,
    int? Port,
    IReadOnlyList<DatabaseCheck> Databases,
    IReadOnlyList<AuditChainCheck> AuditChains);

internal sealed record DatabaseCheck(string Name, IReadOnlyDictionary<string, long> Rows, long? UndeliveredEvents);

internal sealed record AuditChainCheck(string Database, long Entries, bool Intact, long? FirstBrokenSequence);

internal sealed class RestoreException(string message) : Exception(message);
