namespace ReliefPlatform.Contracts.Delivery;

/// <summary>
/// A work order (服务工单) was created for a household: which item, by which provider, how many units at what
/// unit price (yuan), paid from which purchase project. Funding reserves the amount and answers with
/// FundsCommitted or FundsRejected (reference = the work order id). <paramref name="Migrated"/>: a service the county
/// delivered before the platform, brought in from its records (dated when it happened, already paid: Funding records the
/// spend instead of reserving, and it never adds to a provider's load).
/// </summary>
public sealed record WorkOrderCreated(
    Guid WorkOrderId,
    Guid HouseholdId,
    string TownshipCode,
    string ItemCode,
    string ProviderId,
    int Year,
    string ProjectCode,
    int Units,
    decimal UnitPrice,
    decimal Amount,
    DateTimeOffset OccurredAt,
    bool Migrated = false) : ITownshipEvent;
