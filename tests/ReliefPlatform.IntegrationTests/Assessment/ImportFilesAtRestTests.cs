using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// Uploaded monitoring files — names and ID numbers — are kept sealed with the county's personal-data key while an
/// import may still need them, and deleted (the table vacuumed) once the import is final: rolled back, or ended longer
/// than the rollback window ago. Nothing PostgreSQL stores for them holds an ID number (GB 11643: region, birth date, check character).
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ImportFilesAtRestTests(CountyAppFixture county, ITestOutputHelper output)
{
    private static readonly TimeSpan Window = new ImportOptions().RollbackWindow;

    [Fact]
    public async Task An_imported_file_is_kept_sealed_and_neither_its_table_nor_the_databases_data_files_hold_an_ID_number()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var lines = Enumerable.Range(0, 40)
            .Select(i => new MonitoringLine(MonitoringFiles.NewRef(), People.IdNumber(25 + i), $"许{(char)(0x4E00 + 37 * i)}"))
            .ToList();
        var file = Encoding.UTF8.GetBytes(MonitoringFiles.Csv(lines));
        // The scan sees ID numbers where they are: all forty in the file as uploaded.
        Assert.Equal(lines.Count, IdentityNumberScan.In(file).Count);

        var job = await MonitoringFiles.ImportAsync(caseworker, file, "at-rest.csv");
        Assert.Equal(("Completed", 40L), (job.GetProperty("status").GetString(), job.GetProperty("rowsNew").GetInt64()));
        var jobId = job.GetProperty("id").GetGuid();

        await using var connection = await OpenAssessmentAsync();
        var chunks = new List<(Guid JobId, int Sequence, byte[] Data, bool Sealed)>();
        await using (var select = new NpgsqlCommand("SELECT \"JobId\", \"Sequence\", \"Data\", \"Sealed\" FROM import_file_chunks", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                chunks.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2), reader.GetBoolean(3)));
            }
        }

        // The file is all there, sealed: it opens with the county's key to exactly what was uploaded.
        var mine = Assert.Single(chunks, c => c.JobId == jobId);
        Assert.True(mine.Sealed);
        Assert.Equal(file, (await CountyProtectorAsync()).Unprotect(mine.Data, ImportFileStore.Purpose(jobId, 0)));
        var hits = chunks.SelectMany(c => IdentityNumberScan.In(c.Data)).ToList();
        output.WriteLine($"import_file_chunks: {chunks.Count} chunks, {chunks.Sum(c => (long)c.Data.Length):N0} bytes scanned, {hits.Count} ID numbers");
        Assert.Empty(hits);

        // What an operator would scan: the Assessment database's files on disk, once PostgreSQL has written everything out.
        await Execute(connection, "CHECKPOINT");
        var dataDirectory = (string)(await Scalar(connection, "SHOW data_directory"))!;
        var databaseFolder = Path.Combine(dataDirectory, "base", (await Scalar(connection, "SELECT oid FROM pg_database WHERE datname = current_database()"))!.ToString()!);
        var control = Path.Combine(Path.GetTempPath(), $"scan-control-{Guid.NewGuid():N}");
        Directory.CreateDirectory(control);
        await File.WriteAllBytesAsync(Path.Combine(control, "upload.csv"), file);
        try
        {
            var (controlExit, controlHits, _) = await ScanAsync(control);
            Assert.Equal((1, lines.Count), (controlExit, controlHits.Count));

            var (exit, found, summary) = await ScanAsync(databaseFolder);
            output.WriteLine($"{databaseFolder}: {summary}");
            Assert.True(exit == 0, $"the scan of the Assessment database's files found or failed: {summary} {string.Join("; ", found)}");
        }
        finally
        {
            Directory.Delete(control, recursive: true);
        }
    }

    [Fact]
    public async Task Past_its_window_a_finished_import_refuses_rollback_and_its_file_is_deleted()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var job = await MonitoringFiles.ImportAsync(caseworker,
            Encoding.UTF8.GetBytes(MonitoringFiles.Csv([new(MonitoringFiles.NewRef(), People.IdNumber(61), "卫红")])), "window.csv");
        var jobId = job.GetProperty("id").GetGuid();
        Assert.Equal(job.GetProperty("finishedAt").GetDateTimeOffset() + Window, job.GetProperty("finalFrom").GetDateTimeOffset());

        // The import ended longer ago than the window (seven days by default).
        await using var connection = await OpenAssessmentAsync();
        await Execute(connection, $"UPDATE import_jobs SET \"FinishedAt\" = now() - interval '{Window.TotalHours + 1} hours' WHERE \"Id\" = '{jobId}'");
        var refused = await caseworker.PostAsync($"/api/assessment/imports/{jobId}/rollback", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"回滚期限（结束后{Window.Days}天）", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);

        // The sweep (run here on the real clock, as the service's own runs every few minutes) deletes the file.
        await using var services = Services(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)), TimeProvider.System,
            await CountyProtectorAsync());
        var sweeper = services.GetRequiredService<ImportFileSweeper>();
        await MessagingHost.EventuallyAsync(async () =>
        {
            await sweeper.SweepAsync(CancellationToken.None);
            return (long)(await Scalar(connection, $"SELECT count(*) FROM import_file_chunks WHERE \"JobId\" = '{jobId}'"))! == 0;
        }, "the final import's file was deleted");

        var swept = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/imports/{jobId}");
        Assert.Equal(JsonValueKind.String, swept.GetProperty("fileDeletedAt").ValueKind);
        var after = await caseworker.PostAsync($"/api/assessment/imports/{jobId}/rollback", null);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.Equal($"该导入已超过回滚期限（结束后{Window.Days}天），上传的文件已删除，不能再回滚。",
            (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_sweeper_deletes_a_file_once_its_import_is_final_and_gives_the_space_back()
    {
        var start = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
        var clock = new SettableClock(start);
        await using var services = await OwnDatabaseAsync(clock, await county.NewDatabaseAsync());
        // Three imports: one rolled back a day in (final at once), one completed at the start (final after the window),
        // one completed three days in (still open when the first becomes final). The large one is stored last.
        var rolledBack = await QueueAsync(services, Bytes(300_000), ImportJobStatus.RolledBack, start.AddDays(1));
        var recent = await QueueAsync(services, Bytes(300_000), ImportJobStatus.Completed, start.AddDays(3));
        var old = await QueueAsync(services, Bytes(3 * ImportFileStore.ChunkSize + 5), ImportJobStatus.Completed, start);
        var sweeper = services.GetRequiredService<ImportFileSweeper>();

        clock.Now = start + Window - TimeSpan.FromSeconds(1);
        var first = await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal((1, 1L), (first.FilesDeleted, first.ChunksDeleted));
        Assert.Equal((0L, 1L, 4L), (await ChunksAsync(services, rolledBack), await ChunksAsync(services, recent), await ChunksAsync(services, old)));

        clock.Now = start + Window;
        var second = await sweeper.SweepAsync(CancellationToken.None);
        output.WriteLine($"sweep: {second}");
        Assert.Equal((1, 4L, "VACUUM"), (second.FilesDeleted, second.ChunksDeleted, second.Vacuum));
        Assert.Equal((0L, 1L), (await ChunksAsync(services, old), await ChunksAsync(services, recent)));
        // The deleted chunks were the last in the table: the vacuum gives their pages back to the file system.
        Assert.True(second.TableBytesBefore - second.TableBytesAfter >= 3 * ImportFileStore.ChunkSize,
            $"import_file_chunks went from {second.TableBytesBefore:N0} to {second.TableBytesAfter:N0} bytes");

        await using var db = services.GetRequiredService<ImportDatabase>().CreateContext();
        var job = await db.ImportJobs.SingleAsync(j => j.Id == old);
        Assert.Equal(start + Window, job.FileDeletedAt);
        var rollback = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportRollback.RollBackAsync(db, job, clock.Now, Window, CancellationToken.None));
        Assert.Equal($"该导入已超过回滚期限（结束后{Window.Days}天），上传的文件已删除，不能再回滚。", rollback.Message);
        var idle = await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal((0, 0, "none"), (idle!.FilesDeleted, idle.ChunksSealed, idle.Vacuum));
    }

    [Fact]
    public async Task A_file_stored_in_clear_before_sealing_still_imports_and_the_sweeper_seals_it_and_rewrites_the_table()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        var connectionString = await county.NewDatabaseAsync();
        await using var services = await OwnDatabaseAsync(clock, connectionString);
        var lines = Enumerable.Range(0, 20)
            .Select(i => new MonitoringLine(MonitoringFiles.NewRef(), People.IdNumber(30 + i), $"蒋{(char)(0x4E00 + 41 * i)}"))
            .ToList();
        var file = Encoding.UTF8.GetBytes(MonitoringFiles.Csv(lines));
        Guid jobId;
        await using (var db = services.GetRequiredService<ImportDatabase>().CreateContext())
        {
            jobId = Guid.CreateVersion7();
            db.ImportJobs.Add(ImportJob.Queue(jobId, "legacy.csv", ImportFormat.Csv, "utf-8", file.Length, "-", "test", clock.Now));
            await db.SaveChangesAsync();
            // As the import stored files before they were sealed (the column's default says clear).
            await db.Database.ExecuteSqlRawAsync("INSERT INTO import_file_chunks (\"JobId\", \"Sequence\", \"Data\") VALUES ({0}, 0, {1})", jobId, file);
            await db.Database.ExecuteSqlRawAsync("UPDATE import_jobs SET \"Status\" = 'Running' WHERE \"Id\" = {0}", jobId);
        }

        Assert.Equal(lines.Count, IdentityNumberScan.In(await RawChunkAsync(connectionString, jobId)).Count);
        await services.GetRequiredService<ImportRunner>().RunAsync(jobId, CancellationToken.None);
        await using (var db = services.GetRequiredService<ImportDatabase>().CreateContext())
        {
            var done = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((ImportJobStatus.Completed, 20L), (done.Status, done.RowsNew));
        }

        var sweep = await services.GetRequiredService<ImportFileSweeper>().SweepAsync(CancellationToken.None);
        output.WriteLine($"sweep: {sweep}");
        Assert.Equal((0, 1), (sweep.FilesDeleted, sweep.ChunksSealed));
        Assert.Equal("VACUUM FULL", sweep.Vacuum);
        Assert.Empty(IdentityNumberScan.In(await RawChunkAsync(connectionString, jobId)));
        var reread = new MemoryStream();
        await foreach (var chunk in ImportFileStore.ReadAsync(services.GetRequiredService<ImportDatabase>().DataSource, jobId, 0,
            services.GetRequiredService<PersonalDataProtector>(), CancellationToken.None))
        {
            reread.Write(chunk.Span);
        }

        Assert.Equal(file, reread.ToArray());
    }

    private async Task<NpgsqlConnection> OpenAssessmentAsync()
    {
        var connection = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The protector with the keys the county's services were started with.</summary>
    private Task<PersonalDataProtector> CountyProtectorAsync()
    {
        string Environment(string name) =>
            county.App.ResourceNotifications.TryGetCurrentState(ResourceNames.Assessment, out var state)
            && state.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == name)?.Value is { } value
                ? value
                : throw new InvalidOperationException($"The Assessment service was not started with {name}.");
        return Task.FromResult(new PersonalDataProtector(Options.Create(new PersonalDataOptions
        {
            Keys = new() { ["k1"] = Environment("PersonalData__Keys__k1") },
            ActiveKey = Environment("PersonalData__ActiveKey"),
            IndexKey = Environment("PersonalData__IndexKey"),
        })));
    }

    /// <summary>Runs the operator's scan script; returns its exit code, its hits (masked) and its summary.</summary>
    private static async Task<(int Exit, List<string> Hits, string Summary)> ScanAsync(string folder)
    {
        var script = Repository.File("AppHost", "infra", "scan-identity-numbers.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var hits = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return (process.ExitCode, hits, (await stderr).Trim());
    }

    private static async Task<ServiceProvider> OwnDatabaseAsync(TimeProvider clock, string connectionString)
    {
        var services = Services(connectionString, clock, new PersonalDataProtector(Options.Create(new PersonalDataOptions
        {
            Keys = new() { ["k1"] = PersonalDataProtector.NewKey() }, ActiveKey = "k1", IndexKey = PersonalDataProtector.NewKey(),
        })));
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AssessmentDbContext>().Database.MigrateAsync();
        return services;
    }

    private static ServiceProvider Services(string connectionString, TimeProvider clock, PersonalDataProtector protector)
    {
        var services = new ServiceCollection();
        services.AddDbContext<AssessmentDbContext>(o => o.UseNpgsql(connectionString));
        services.AddSingleton(clock);
        services.AddSingleton(Options.Create(new DiscoveryOptions()));
        services.AddSingleton(Options.Create(new ImportOptions()));
        services.AddSingleton(Options.Create(new CountyOptions
        {
            Code = "341525", Name = "霍山县", Townships =
            [
                new ReliefPlatform.ServiceDefaults.County.Township
                {
                    Code = "341525100", Name = "衡山镇", Slug = "hengshan", Villages = [new Village { Code = "341525100205", Name = "衡山五村（示例）" }],
                },
            ],
        }));
        services.AddSingleton(protector);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ImportDatabase>();
        services.AddSingleton<ImportBatchWriter>();
        // The files name no existing policies, so Catalogue is never asked.
        services.AddHttpClient();
        services.AddSingleton<ReliefPlatform.Assessment.Infrastructure.Policies.ExistingPolicies>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton(new JobLeases(connectionString, clock, NullLogger<JobLeases>.Instance));
        services.AddSingleton<ImportFileSweeper>();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        return services.BuildServiceProvider();
    }

    /// <summary>A file stored the way an upload stores it (sealed), its job put in the given state as of <paramref name="finishedAt"/>.</summary>
    private static async Task<Guid> QueueAsync(ServiceProvider services, byte[] file, ImportJobStatus status, DateTimeOffset finishedAt)
    {
        await using var db = services.GetRequiredService<ImportDatabase>().CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var id = Guid.CreateVersion7();
        var stored = await ImportFileStore.SaveAsync(
            (NpgsqlConnection)db.Database.GetDbConnection(), id, new MemoryStream(file), 1L << 30, services.GetRequiredService<PersonalDataProtector>(), default);
        db.ImportJobs.Add(ImportJob.Queue(id, "sweep.csv", ImportFormat.Csv, "utf-8", stored.Bytes, stored.Sha256, "test", finishedAt));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE import_jobs SET \"Status\" = {1}, \"FinishedAt\" = {2} WHERE \"Id\" = {0}", id, status.ToString(), finishedAt);
        await transaction.CommitAsync();
        return id;
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<long> ChunksAsync(ServiceProvider services, Guid jobId)
    {
        await using var db = services.GetRequiredService<ImportDatabase>().CreateContext();
        return await db.Set<ImportFileChunk>().LongCountAsync(c => c.JobId == jobId);
    }

    private static async Task<byte[]> RawChunkAsync(string connectionString, Guid jobId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (byte[])(await Scalar(connection, $"SELECT \"Data\" FROM import_file_chunks WHERE \"JobId\" = '{jobId}' AND \"Sequence\" = 0"))!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
