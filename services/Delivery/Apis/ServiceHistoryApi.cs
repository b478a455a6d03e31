using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Delivery.Domain.History;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Delivery.Apis;

/// <param name="Repeated">True when a batch with this source reference had already been migrated: nothing was written this time.</param>
public sealed record ServiceHistoryBatchResponse(
    Guid Id, string SourceReference, int Records, decimal Amount, DateOnly FirstDay, DateOnly LastDay, string MigratedBy, DateTimeOffset MigratedAt,
    bool Repeated, IReadOnlyList<Guid> WorkOrderIds);

/// <summary>
/// The county's past year brought in (历史服务记录迁移): a county that starts the platform mid-year migrates the services it
/// already delivered — from its paper or spreadsheet records — as closed work orders marked migrated, all of a batch or none,
/// audited. They publish what the live path publishes (WorkOrderCreated, ServiceDelivered, ServiceConfirmed,
/// SatisfactionRecorded), dated when they happened and marked migrated, so supervision counts them in their months and
/// Funding records their spend as already paid — never to be paid again. The hub's county-wide staff only; never a provider.
/// </summary>
public static class ServiceHistoryApi
{
    private static readonly string[] Migrators = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker];

    public static IEndpointRouteBuilder MapServiceHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/delivery/service-history").WithTags("ServiceHistory").RequireAuthorization(policy => policy.RequireRole(Migrators));
        group.MapGet("/{id:guid}", GetBatch).WithName("GetServiceHistoryBatch").WithSummary("A migrated batch: its source, who migrated it and when, and its work orders");
        group.MapPost("/", Migrate).RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy).WithName("MigrateServiceHistory")
            .WithSummary("Migrate a batch of past service records (all or none) as closed work orders marked migrated; the same source reference again writes nothing");
        return app;
    }

    public static async Task<Results<Ok<ServiceHistoryBatchResponse>, NotFound>> GetBatch(Guid id, DeliveryDbContext db, CancellationToken cancellationToken) =>
        await db.MigrationBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken) is { } batch
            ? TypedResults.Ok(await ViewAsync(db, batch, repeated: false, cancellationToken))
            : TypedResults.NotFound();

    public static async Task<Results<Created<ServiceHistoryBatchResponse>, Ok<ServiceHistoryBatchResponse>, ValidationProblem>> Migrate(
        ServiceHistoryRequest? request, DeliveryDbContext db, CurrentUser user, IOptions<HistoryOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var reference = request?.SourceReference?.Trim();
        if (await RepeatedAsync(db, reference, cancellationToken) is { } repeated)
        {
            return TypedResults.Ok(repeated);
        }

        var records = request?.Records?.Where(r => r is not null).Select(r => r!).ToList() ?? [];
        var households = records.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value).Distinct().ToList();
        var providers = records.Where(r => r.ProviderId is not null).Select(r => r.ProviderId!.Trim()).Distinct().ToList();
        var townships = await db.Recipients.AsNoTracking().Where(r => households.Contains(r.HouseholdId))
            .ToDictionaryAsync(r => r.HouseholdId, r => r.TownshipCode, cancellationToken);
        var contracts = await db.Contracts.AsNoTracking().Where(c => providers.Contains(c.ProviderId)).ToListAsync(cancellationToken);
        var contractIds = contracts.Select(c => c.ContractId).Distinct().ToList();

        // The units are counted under the contracts' locks and written in the same transaction: a batch racing this one for
        // the same contract counts after it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ContractCaps.LockAsync(db, contractIds, cancellationToken);
        if (await RepeatedAsync(db, reference, cancellationToken) is { } sentTwice)
        {
            return TypedResults.Ok(sentTwice);
        }

        var ordered = await ContractCaps.OrderedAsync(db, contractIds, cancellationToken);
        var (errors, services) = ServiceHistoryRules.Check(request, new ServiceHistoryFacts(
            townships, contracts, ordered, time.CountyToday(), options.Value.PilotStarts, options.Value.MaxRecords));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "历史服务记录有误，整批未迁移");
        }

        var now = time.GetUtcNow();
        var batch = MigrationBatch.Record(reference!, services, user.Id, now);
        var orders = services.ConvertAll(s => WorkOrder.Migrate(s, batch.Id, user.Id, now));
        db.MigrationBatches.Add(batch);
        db.WorkOrders.AddRange(orders);
        orders.ForEach(order => StageEvents(db, order));
        try
        {
            // The batch's entry, then each order's own (codes and ids only), so a supervisor reading one order's log sees it.
            await AuditTrail.AppendAsync(db, time, user.Id, [
                new AuditedAct("service-history.migrate", $"service-history:{batch.Id}",
                    $"source={batch.SourceReference};records={batch.Records};amount={batch.Amount:0.00};from={batch.FirstDay:yyyy-MM-dd};to={batch.LastDay:yyyy-MM-dd}"),
                .. orders.Select(o => new AuditedAct("work-order.migrate", WorkOrdersApi.Subject(o.Id),
                    $"batch={batch.Id};household={o.HouseholdId};item={o.ItemCode};provider={o.ProviderId};units={o.DeliveredUnits};project={o.ProjectCode};"
                    + $"delivered={o.ScheduledOn:yyyy-MM-dd};confirmed={(o.Satisfaction is null ? "no" : "yes")}")),
            ], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same batch sent twice at once under other contracts: the other request wrote it (the reference is unique),
            // this one writes nothing.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return TypedResults.Ok(await RepeatedAsync(db, reference, cancellationToken) ?? throw new InvalidOperationException("A migration batch failed to save."));
        }

        return TypedResults.Created($"/api/delivery/service-history/{batch.Id}",
            new ServiceHistoryBatchResponse(batch.Id, batch.SourceReference, batch.Records, batch.Amount, batch.FirstDay, batch.LastDay, batch.MigratedBy,
                batch.MigratedAt, Repeated: false, [.. orders.Select(o => o.Id)]));
    }

    /// <summary>What the live path publishes for the same acts, each dated when it happened and marked migrated.</summary>
    private static void StageEvents(DeliveryDbContext db, WorkOrder order)
    {
        var units = order.DeliveredUnits!.Value;
        db.AddIntegrationEvent(new WorkOrderCreated(order.Id, order.HouseholdId, order.TownshipCode, order.ItemCode, order.ProviderId, order.Year, order.ProjectCode,
            order.Units, order.UnitPrice, order.Amount, order.CreatedAt, Migrated: true));
        db.AddIntegrationEvent(new ServiceDelivered(order.Id, order.HouseholdId, order.TownshipCode, order.ProviderId, order.ItemCode, units, order.UnitPrice,
            order.Minutes!.Value, order.FlaggedShort, order.CheckedOutAt!.Value, order.Flags, Migrated: true, order.ProjectCode));
        if (order.Satisfaction is { } score)
        {
            var confirmedAt = order.Steps.Single(s => s.To == WorkOrderStatus.Confirmed).At;
            db.AddIntegrationEvent(new ServiceConfirmed(order.Id, order.HouseholdId, order.TownshipCode, order.ProviderId, order.ItemCode, units, order.UnitPrice,
                units * order.UnitPrice, order.Minutes.Value, score, confirmedAt, Migrated: true, order.ProjectCode));
            db.AddIntegrationEvent(new SatisfactionRecorded(order.Id, order.HouseholdId, order.TownshipCode, order.ProviderId, order.ItemCode, score, HasComment: false,
                confirmedAt, Migrated: true));
        }
    }

    private static async Task<ServiceHistoryBatchResponse?> RepeatedAsync(DeliveryDbContext db, string? reference, CancellationToken cancellationToken) =>
        reference is null ? null
        : await db.MigrationBatches.AsNoTracking().FirstOrDefaultAsync(b => b.SourceReference == reference, cancellationToken) is { } batch
            ? await ViewAsync(db, batch, repeated: true, cancellationToken)
            : null;

    private static async Task<ServiceHistoryBatchResponse> ViewAsync(DeliveryDbContext db, MigrationBatch batch, bool repeated, CancellationToken cancellationToken) =>
        new(batch.Id, batch.SourceReference, batch.Records, batch.Amount, batch.FirstDay, batch.LastDay, batch.MigratedBy, batch.MigratedAt, repeated,
            await db.WorkOrders.Where(o => o.MigrationBatchId == batch.Id).OrderBy(o => o.CreatedAt).Select(o => o.Id).ToListAsync(cancellationToken));
}
