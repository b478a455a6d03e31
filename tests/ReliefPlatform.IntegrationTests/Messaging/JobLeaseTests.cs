using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReliefPlatform.IntegrationTests.Ordering;
using ReliefPlatform.Messaging.Leases;

namespace ReliefPlatform.IntegrationTests.Messaging;

/// <summary>
/// The leases that keep a background job (the SLA timer, the plan rematcher, recurring orders, the reassessment
/// announcer) on one replica at a time, on a real PostgreSQL server: two replicas of a service are two
/// <see cref="JobLeases"/> on the same database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JobLeaseTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_second_replica_waits_while_the_first_runs_the_job_and_takes_it_over_when_the_first_stops()
    {
        var (database, job) = (Database(), $"job-{Guid.NewGuid():N}");
        var runs = new JobRuns();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = Replica(database).RunWhileHeldAsync(job, token => runs.RunAsync("first", token), stopFirst.Token);
        await runs.WaitForStartsAsync(1);
        var second = Replica(database).RunWhileHeldAsync(job, token => runs.RunAsync("second", token), stopSecond.Token);

        // Several of the holder's heartbeats pass: the second replica is still waiting, not running the job beside it.
        await Task.Delay(JobLeases.Heartbeat * 2);
        Assert.Equal(["first"], runs.Started);

        await stopFirst.CancelAsync();
        await first;
        await runs.WaitForStartsAsync(2);
        Assert.Equal(["first", "second"], runs.Started);
        Assert.Equal(1, runs.MostAtOnce);

        await stopSecond.CancelAsync();
        await second;
    }

    [Fact]
    public async Task When_the_holders_connection_dies_it_stops_the_job_and_a_waiting_replica_takes_it_over()
    {
        var (database, job) = (Database(), $"job-{Guid.NewGuid():N}");
        var runs = new JobRuns();
        using var stop = new CancellationTokenSource();
        var first = Replica(database).RunWhileHeldAsync(job, token => runs.RunAsync("first", token), stop.Token);
        await runs.WaitForStartsAsync(1);
        var second = Replica(database).RunWhileHeldAsync(job, token => runs.RunAsync("second", token), stop.Token);

        // What a crashed replica or a broken network does to the lease: the server drops the holder's session.
        Assert.Equal(1, await TerminateHolderAsync(database));

        await runs.WaitForStartsAsync(2);
        Assert.Equal("second", runs.Started[1]);
        // The first replica noticed on its own and stopped the job (it did not keep sweeping beside the second) ...
        await runs.WaitForEndAsync("first");
        // ... and it waits for the lease again rather than giving the job up: when the second stops, it takes it back.
        // (Waiting is seen on the server, as a session queued for the lock; a replica that only restarted its wait after
        // the holder died could be overtaken by the holder's own new wait, which is fair too, but not what this proves.)
        await WaitForWaitingReplicaAsync(database);
        Assert.Equal(1, await TerminateHolderAsync(database));
        await runs.WaitForStartsAsync(3);
        Assert.Equal(["first", "second", "first"], runs.Started);

        await stop.CancelAsync();
        await Task.WhenAll(first, second);
    }

    private static JobLeases Replica(string database) => new(database, TimeProvider.System, NullLogger<JobLeases>.Instance);

    /// <summary>The server's own database: advisory locks are per database, and each test's job name is its own.</summary>
    private string Database() => new NpgsqlConnectionStringBuilder(postgres.NewDatabase()) { Database = "postgres" }.ConnectionString;

    /// <returns>How many sessions holding an advisory lock were ended.</returns>
    private static async Task<int> TerminateHolderAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            """
            WITH holders AS MATERIALIZED (
                SELECT DISTINCT l.pid FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
            SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM holders) ended
            """,
            connection);
        return (int)(await terminate.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until a session is queued on the server for an advisory lock it has not been granted.</summary>
    private static async Task WaitForWaitingReplicaAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            """
            SELECT count(*)::int FROM pg_locks l
            WHERE l.locktype = 'advisory' AND NOT l.granted
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """,
            connection);
        var deadline = DateTime.UtcNow + Patience;
        while ((int)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Patience} for a replica to wait for the lease.");
            await Task.Delay(50);
        }
    }

    /// <summary>What the replicas did with the job: who started it, in order, and how many ran it at once at most.</summary>
    private sealed class JobRuns
    {
        private readonly ConcurrentQueue<string> _started = new();
        private readonly ConcurrentDictionary<string, int> _ended = new();
        private int _running;
        private int _mostAtOnce;

        public string[] Started => [.. _started];

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public async Task RunAsync(string replica, CancellationToken token)
        {
            _started.Enqueue(replica);
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostAtOnce, now);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                _ended.AddOrUpdate(replica, 1, (_, n) => n + 1);
            }
        }

        public Task WaitForStartsAsync(int count) => WaitAsync(() => _started.Count >= count, $"{count} start(s) of the job");

        public Task WaitForEndAsync(string replica) => WaitAsync(() => _ended.ContainsKey(replica), $"the {replica} replica to stop the job");

        private static async Task WaitAsync(Func<bool> done, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!done())
            {
                Assert.True(DateTime.UtcNow < deadline, $"Waited {Patience} for {what}.");
                await Task.Delay(50);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
