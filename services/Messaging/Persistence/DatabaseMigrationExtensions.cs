using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReliefPlatform.Messaging.Leases;

namespace ReliefPlatform.Messaging.Persistence;

public static partial class DatabaseMigrationExtensions
{
    /// <summary>
    /// Applies the service's committed migrations (creating its database if needed) before it takes
    /// traffic. Retries for a short while because the server may have only just become ready. Replicas
    /// starting together migrate one after the other (an advisory lock on the service's database): the
    /// second finds nothing left to apply, rather than applying the same migration again beside the first.
    /// </summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this WebApplication app, CancellationToken cancellationToken = default)
        where TDbContext : DbContext
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ReliefPlatform.Migrations");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                // The database may exist before its first migration (the AppHost creates every service's database before the
                // services start). A first Migrate on such an empty database was seen to read "__EFMigrationsHistory" before the
                // table existed and log "Failed executing DbCommand" at Error (the provider then carries on); with the table
                // created first, a normal start logs no error.
                await using var alone = await MigrationLockAsync(db, cancellationToken);
                if (await db.Database.CanConnectAsync(cancellationToken))
                {
                    await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
                }

                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, typeof(TDbContext).Name);
                return;
            }
            catch (NpgsqlException ex) when (DateTimeOffset.UtcNow < deadline)
            {
                LogRetry(logger, ex, typeof(TDbContext).Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The database's migration lock, held until disposed; none while the database does not exist yet (the first
    /// replica creates it, and a replica that loses that race retries and then takes the lock).
    /// </summary>
    private static async Task<IAsyncDisposable?> MigrationLockAsync(DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return await JobLeases.Lock("relief-migrations", db.Database.GetConnectionString()!).AcquireAsync(TimeSpan.FromMinutes(5), cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} is up to date")]
    private static partial void LogMigrated(ILogger logger, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migrating {Context} failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, string context, int attempt);
}
