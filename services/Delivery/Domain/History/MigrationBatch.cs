namespace ReliefPlatform.Delivery.Domain.History;

/// <summary>
/// One batch of past service records a county brought in from its paper or spreadsheet year (历史服务记录迁移): who migrated
/// it, when, from which source (its reference is unique, so the same batch sent twice writes nothing the second time).
/// Its work orders name it (<see cref="WorkOrders.WorkOrder.MigrationBatchId"/>).
/// </summary>
public sealed class MigrationBatch
{
    private MigrationBatch()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The county's reference for the source (a ledger's name, a file's number), unique.</summary>
    public string SourceReference { get; private set; } = "";

    public string MigratedBy { get; private set; } = "";

    public DateTimeOffset MigratedAt { get; private set; }

    public int Records { get; private set; }

    /// <summary>What the migrated services cost, in yuan (units × unit price).</summary>
    public decimal Amount { get; private set; }

    public DateOnly FirstDay { get; private set; }

    public DateOnly LastDay { get; private set; }

    public static MigrationBatch Record(string sourceReference, IReadOnlyCollection<MigratedService> services, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        SourceReference = sourceReference,
        MigratedBy = by,
        MigratedAt = at,
        Records = services.Count,
        Amount = services.Sum(s => s.Units * s.UnitPrice),
        FirstDay = services.Min(s => s.DeliveredOn),
        LastDay = services.Max(s => s.DeliveredOn),
    };
}
