using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// An import whose worker dies mid-file (here: its run is cancelled between batches, as a killed process would
/// stop) is taken over from its last committed batch: every row ends up in the registry exactly once.
/// Runs the import machinery directly on a database of its own on the county's PostgreSQL, with tiny batches.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ImportResumeTests(CountyAppFixture county)
{
    private const int People = 400;

    [Fact]
    public async Task A_worker_that_dies_mid_file_leaves_a_checkpoint_and_the_next_run_finishes_every_row_exactly_once()
    {
        var connectionString = await county.NewDatabaseAsync();
        await using var services = Services(connectionString);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AssessmentDbContext>().Database.MigrateAsync();
        }

        var jobId = await QueueAsync(services, File());
        var firstRun = new CancellationTokenSource();
        var run = services.GetRequiredService<ImportRunner>().RunAsync(jobId, firstRun.Token);
        while ((await JobAsync(services, jobId)).LinesRead == 0 && !run.IsCompleted)
        {
            await Task.Delay(2);
        }

        await firstRun.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var crashed = await JobAsync(services, jobId);
        Assert.Equal(ImportJobStatus.Running, crashed.Status);
        Assert.InRange(crashed.LinesRead, 2, People);
        Assert.Equal(crashed.RowsNew, await CountAsync(connectionString, "SELECT count(*) FROM members"));

        await services.GetRequiredService<ImportRunner>().RunAsync(jobId, CancellationToken.None);

        var done = await JobAsync(services, jobId);
        Assert.Equal(ImportJobStatus.Completed, done.Status);
        Assert.Equal((long)People, done.RowsNew);
        Assert.Equal(0, done.RowsRejected);
        Assert.Equal(People, await CountAsync(connectionString, "SELECT count(*) FROM members"));
        Assert.Equal(People / 2, await CountAsync(connectionString, "SELECT count(*) FROM households"));
        Assert.Equal(People / 2, await CountAsync(connectionString,
            "SELECT COALESCE(sum(jsonb_array_length(payload->'households')), 0)::bigint FROM outbox_messages WHERE type LIKE '%HouseholdsImported%'"));
        Assert.Equal(0, await CountAsync(connectionString, "SELECT count(*) FROM households WHERE \"MemberCount\" <> 2"));
    }

    private static byte[] File()
    {
        var csv = new StringBuilder(MonitoringFiles.Header).Append('\n');
        for (var i = 0; i < People; i++)
        {
            var id = IdNumber.Compose("341525", new DateOnly(1960, 1, 1).AddDays(i), i % 1000);
            csv.Append($"R{i / 2:D6},{id},测试{(char)(0x4E00 + (i % 500))},{(i % 2 == 0 ? "户主" : "配偶")},341525100,341525100205,低保,600,,,,否,\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddDbContext<AssessmentDbContext>(o => o.UseNpgsql(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new DiscoveryOptions()));
        services.AddSingleton(Options.Create(new ImportOptions { BatchSize = 2 }));
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
        services.AddSingleton(new PersonalDataProtector(Options.Create(new PersonalDataOptions
        {
            Keys = new() { ["k1"] = PersonalDataProtector.NewKey() }, ActiveKey = "k1", IndexKey = PersonalDataProtector.NewKey(),
        })));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ImportDatabase>();
        services.AddSingleton<ImportBatchWriter>();
        // The file names no existing policies, so Catalogue is never asked.
        services.AddHttpClient();
        services.AddSingleton<ReliefPlatform.Assessment.Infrastructure.Policies.ExistingPolicies>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        return services.BuildServiceProvider();
    }

    private static async Task<Guid> QueueAsync(ServiceProvider services, byte[] file)
    {
        var database = services.GetRequiredService<ImportDatabase>();
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var id = Guid.CreateVersion7();
        var stored = await ImportFileStore.SaveAsync(
            (NpgsqlConnection)db.Database.GetDbConnection(), id, new MemoryStream(file), 1 << 20, services.GetRequiredService<PersonalDataProtector>(), default);
        db.ImportJobs.Add(ImportJob.Queue(id, "resume.csv", ImportFormat.Csv, "utf-8", stored.Bytes, stored.Sha256, "test", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE import_jobs SET \"Status\" = 'Running' WHERE \"Id\" = {0}", id);
        await transaction.CommitAsync();
        return id;
    }

    private static async Task<ImportJob> JobAsync(ServiceProvider services, Guid id)
    {
        await using var db = services.GetRequiredService<ImportDatabase>().CreateContext();
        return await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
