using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReliefPlatform.Messaging.Persistence;

/// <summary>
/// Whether the service's own database answers. Unlike the stock EF check, a probe its caller gave up on (the
/// AppHost or a load balancer closing the request) is not reported as an unhealthy database: the cancellation
/// goes back to the caller, so operations staff see an error in the log only when the database really failed.
/// </summary>
public sealed class DatabaseHealthCheck<TDbContext>(TDbContext db) : IHealthCheck
    where TDbContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "the database does not accept connections");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e);
        }
    }
}
