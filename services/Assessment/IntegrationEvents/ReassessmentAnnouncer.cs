using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.IntegrationEvents;

public sealed class ReassessmentOptions
{
    public const string Section = "Reassessment";

    /// <summary>How far ahead of the due date the township is told, so the visit can be planned.</summary>
    public int AnnounceDaysAhead { get; set; } = 14;

    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Tells each township, once per due date, which of its households must be reassessed soon (or already
/// should have been): ReassessmentDue through the outbox, in the same transaction that marks it announced.
/// One replica works at a time — the one holding the job's lease (<see cref="JobLeases"/>) — and each batch also takes
/// a transaction's advisory lock, so an announcement is never doubled even by a direct call beside the job.
/// </summary>
public sealed partial class ReassessmentAnnouncer(
    IServiceScopeFactory scopes, JobLeases leases, IOptions<ReassessmentOptions> options, TimeProvider time, ILogger<ReassessmentAnnouncer> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leases.RunWhileHeldAsync(nameof(ReassessmentAnnouncer), AnnouncePeriodicallyAsync, stoppingToken);

    private async Task AnnouncePeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckEvery, time);
        do
        {
            try
            {
                var announced = await AnnounceDueAsync(stoppingToken);
                if (announced > 0)
                {
                    LogAnnounced(logger, announced);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> AnnounceDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock(hashtext('reassessment-announcer')) AS \"Value\"")
                .SingleAsync(cancellationToken);
            if (!locked)
            {
                return total;
            }

            var horizon = time.CountyToday().AddDays(options.Value.AnnounceDaysAhead);
            var due = await db.Households
                .Where(h => h.Status == HouseholdStatus.Active && h.ReassessmentDueOn <= horizon
                    && (h.ReassessmentAnnouncedFor == null || h.ReassessmentAnnouncedFor != h.ReassessmentDueOn))
                .OrderBy(h => h.ReassessmentDueOn).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var household in due)
            {
                household.MarkReassessmentAnnounced();
                db.AddIntegrationEvent(new ReassessmentDue(
                    household.Id, household.TownshipCode, household.VillageCode, household.Degree?.ToString() ?? "", household.ReassessmentDueOn!.Value, time.GetUtcNow()));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            total += due.Count;
            if (due.Count < BatchSize)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} reassessments due")]
    private static partial void LogAnnounced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing reassessments failed; trying again at the next check")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
