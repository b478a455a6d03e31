using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// Where and how long the PostgreSQL the AppHost runs is backed up (<c>Backups:*</c>): WAL archived continuously into
/// <c>&lt;Directory&gt;/wal</c> (at least every minute), base backups in <c>&lt;Directory&gt;/base</c> at start when none is
/// recent and then every <c>BaseBackupEveryHours</c>, both kept <c>RetentionDays</c>.
/// </summary>
internal sealed record BackupSettings(bool Enabled, string Directory, int RetentionDays, int BaseBackupEveryHours)
{
    public const string ResourceName = ResourceNames.Postgres + "-backups";

    /// <summary>Past this, WAL waiting to be archived (or no base backup at all) degrades the backups' health.</summary>
    public static readonly TimeSpan ArchiveLagLimit = TimeSpan.FromMinutes(5);

    public string WalDirectory => Path.Combine(Directory, "wal");

    public string BaseDirectory => Path.Combine(Directory, "base");

    public static BackupSettings Read(IConfiguration configuration, string stateRoot)
    {
        var section = configuration.GetSection("Backups");
        var directory = section["Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(stateRoot, "postgres-backups");
        var retention = section.GetValue("RetentionDays", 14);
        var every = section.GetValue("BaseBackupEveryHours", 24);
        if (retention < 1 || every < 1)
        {
            throw new InvalidOperationException("Backups:RetentionDays and Backups:BaseBackupEveryHours must be at least 1.");
        }

        return new BackupSettings(section.GetValue("Enabled", true), directory, retention, every);
    }
}

/// <summary>
/// Continuous archiving and base backups for the PostgreSQL run as an executable: the server archives its WAL
/// (<c>infra/archive-wal.sh</c>), and a resource of its own (<c>infra/postgres-backup.sh</c>) takes the base backups and
/// applies retention in the background — nothing waits for it, so the county's start is not delayed. Its health in the
/// dashboard is the backups' state: the age of the last archived WAL and the newest base backup.
/// </summary>
internal static class PostgresBackups
{
    public static void Add(
        IDistributedApplicationBuilder builder,
        IResourceBuilder<ExecutableResource> postgres,
        EndpointReferenceExpression postgresPort,
        ReferenceExpression server,
        string password,
        BackupSettings settings,
        string scripts)
    {
        Directory.CreateDirectory(settings.BaseDirectory);
        postgres.WithEnvironment("PG_ARCHIVE", settings.WalDirectory);

        var backups = builder.AddExecutable(BackupSettings.ResourceName, "bash", settings.Directory, Path.Combine(scripts, "postgres-backup.sh"))
            .WithEnvironment("PG_PORT", postgresPort)
            .WithEnvironment("PG_PASSWORD", password)
            .WithEnvironment("BACKUP_DIR", settings.Directory)
            .WithEnvironment("BACKUP_RETENTION_DAYS", settings.RetentionDays.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("BACKUP_EVERY_HOURS", settings.BaseBackupEveryHours.ToString(CultureInfo.InvariantCulture))
            .WaitFor(postgres);

        var key = $"{BackupSettings.ResourceName}-state";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => new BackupHealthCheck(async ct => $"{await server.GetValueAsync(ct)};Database=postgres;Timeout=3", settings),
            HealthStatus.Degraded,
            tags: null,
            timeout: TimeSpan.FromSeconds(5)));
        backups.WithHealthCheck(key);
    }

    /// <summary>
    /// Healthy while WAL leaves for the archive within <see cref="BackupSettings.ArchiveLagLimit"/> and a base backup
    /// exists; degraded when a finished WAL file has waited longer (archiving fails: the archive stops short of now), or
    /// when no base backup has been made in that time, or the newest is a day overdue. An idle server archives nothing
    /// and loses nothing: the age of the last archived file alone is reported, not held against it.
    /// </summary>
    private sealed class BackupHealthCheck(Func<CancellationToken, Task<string>> connectionString, BackupSettings settings) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = new NpgsqlConnection(await connectionString(cancellationToken));
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand(
                    """
                    SELECT a.last_archived_wal, a.last_archived_time, a.failed_count, a.last_failed_time,
                           (SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'),
                           (SELECT min(modification) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'),
                           now(), pg_postmaster_start_time()
                    FROM pg_stat_archiver a
                    """,
                    connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                var lastWal = reader.IsDBNull(0) ? null : reader.GetString(0);
                DateTimeOffset? lastArchived = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
                var failed = reader.GetInt64(2);
                DateTimeOffset? lastFailed = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
                var waiting = reader.GetInt64(4);
                DateTimeOffset? oldestWaiting = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
                var now = reader.GetFieldValue<DateTimeOffset>(6);
                var up = now - reader.GetFieldValue<DateTimeOffset>(7);

                var bases = Directory.Exists(settings.BaseDirectory)
                    ? Directory.EnumerateDirectories(settings.BaseDirectory).Select(Path.GetFileName).OfType<string>()
                        .Where(n => !n.EndsWith(".part", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
                    : [];
                DateTimeOffset? newestBase = bases.Count > 0 && DateTimeOffset.TryParseExact(
                    bases[^1], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed : null;

                var data = new Dictionary<string, object>
                {
                    ["last archived WAL"] = lastWal ?? "none yet",
                    ["last archived"] = lastArchived is { } at ? $"{Seconds(now - at)} s ago" : "never",
                    ["WAL files waiting"] = waiting,
                    ["archive failures"] = failed,
                    ["base backups"] = bases.Count,
                    ["newest base backup"] = newestBase?.ToString("u", CultureInfo.InvariantCulture) ?? "none yet",
                    ["backup folder"] = settings.Directory,
                };
                var summary = $"last WAL archived {(lastArchived is { } a ? $"{Seconds(now - a)} s ago" : "never")}, {waiting} waiting; " +
                    $"{bases.Count} base backup(s), newest {newestBase?.ToString("u", CultureInfo.InvariantCulture) ?? "none yet"}";

                if (oldestWaiting is { } oldest && now - oldest > BackupSettings.ArchiveLagLimit)
                {
                    var failure = lastFailed is { } f ? $"; last archive failure {Seconds(now - f)} s ago" : "";
                    return HealthCheckResult.Degraded($"WAL not archived for {(int)(now - oldest).TotalMinutes} min{failure}: {summary}", data: data);
                }

                if (newestBase is null && up > BackupSettings.ArchiveLagLimit)
                {
                    return HealthCheckResult.Degraded($"no base backup yet: {summary}", data: data);
                }

                if (newestBase is { } newest && now - newest > TimeSpan.FromHours(settings.BaseBackupEveryHours + 24))
                {
                    return HealthCheckResult.Degraded($"newest base backup is overdue: {summary}", data: data);
                }

                return HealthCheckResult.Healthy(summary, data);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                return HealthCheckResult.Degraded($"backup state unknown: {ex.Message}");
            }
        }

        private static long Seconds(TimeSpan span) => (long)Math.Max(0, span.TotalSeconds);
    }
}
