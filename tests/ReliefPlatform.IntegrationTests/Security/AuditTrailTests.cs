using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReliefPlatform.Security.Audit;

namespace ReliefPlatform.IntegrationTests.Security;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddAuditLog();
}

/// <summary>The hash-chained audit log on the county's real PostgreSQL.</summary>
[Collection(CountyCollection.Name)]
public sealed class AuditTrailTests(CountyAppFixture county) : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await county.NewDatabaseAsync();
        await using var db = Context();
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync(AuditModelBuilderExtensions.AppendOnlySql);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        await AppendAsync(5);

        await using var db = Context();
        var verification = await AuditTrail.VerifyAsync(db, CancellationToken.None);

        Assert.True(verification.Intact);
        Assert.Equal(5, verification.Entries);
    }

    [Fact]
    public async Task The_table_refuses_updates_and_deletes()
    {
        await AppendAsync(1);
        await using var db = Context();

        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'someone-else'"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
    }

    [Fact]
    public async Task Changing_one_row_behind_the_triggers_back_is_detected_at_that_row()
    {
        await AppendAsync(6);
        await using var db = Context();
        var third = await db.Set<AuditEntry>().OrderBy(e => e.Sequence).Skip(2).Select(e => e.Sequence).FirstAsync();

        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
        await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET subject = 'household/forged' WHERE sequence = {third}");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only");

        var verification = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        Assert.False(verification.Intact);
        Assert.Equal(third, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task Removing_a_row_is_detected()
    {
        await AppendAsync(4);
        await using var db = Context();
        var second = await db.Set<AuditEntry>().OrderBy(e => e.Sequence).Skip(1).Select(e => e.Sequence).FirstAsync();

        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
        await db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence = {second}");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only");

        Assert.False((await AuditTrail.VerifyAsync(db, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Concurrent_appends_queue_up_and_never_fork_the_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => AppendAsync(1)));

        await using var db = Context();
        var verification = await AuditTrail.VerifyAsync(db, CancellationToken.None);
        Assert.True(verification.Intact);
        Assert.Equal(12, verification.Entries);
    }

    [Fact]
    public async Task An_append_outside_a_transaction_is_refused()
    {
        await using var db = Context();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AuditTrail.AppendAsync(db, TimeProvider.System, "user/1", "household.unmask", "household/1", null, CancellationToken.None));
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = Context();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await AuditTrail.AppendAsync(db, TimeProvider.System, "user/7", "household.unmask", $"household/{Guid.NewGuid()}", "{\"field\":\"idNumber\"}", CancellationToken.None);
            await transaction.CommitAsync();
        }
    }

    private AuditDbContext Context() => new(new DbContextOptionsBuilder<AuditDbContext>().UseNpgsql(_database).Options);
}
