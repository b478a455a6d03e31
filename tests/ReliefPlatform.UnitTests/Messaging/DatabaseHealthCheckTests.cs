using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.UnitTests.Messaging;

/// <summary>
/// The database check that /health runs: a database that does not answer is unhealthy, but a probe its caller
/// abandoned is not a failed database (the stock check logged it as an error in a healthy service's start).
/// </summary>
public sealed class DatabaseHealthCheckTests
{
    // Nothing listens on port 1: the connection is refused at once.
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=nowhere;Timeout=3";

    [Fact]
    public async Task A_database_that_refuses_connections_is_unhealthy()
    {
        await using var db = new ProbeContext();
        var check = new DatabaseHealthCheck<ProbeContext>(db);

        var result = await check.CheckHealthAsync(Context(check), CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task A_probe_its_caller_abandoned_is_handed_back_not_reported_unhealthy()
    {
        await using var db = new ProbeContext();
        var check = new DatabaseHealthCheck<ProbeContext>(db);
        using var abandoned = new CancellationTokenSource();
        await abandoned.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.CheckHealthAsync(Context(check), abandoned.Token));
    }

    private static HealthCheckContext Context(IHealthCheck check) =>
        new() { Registration = new HealthCheckRegistration(nameof(ProbeContext), check, HealthStatus.Unhealthy, null) };

    private sealed class ProbeContext() : DbContext(new DbContextOptionsBuilder<ProbeContext>().UseNpgsql(Unreachable).Options);
}
