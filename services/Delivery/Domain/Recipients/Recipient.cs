namespace ReliefPlatform.Delivery.Domain.Recipients;

/// <summary>
/// A household Delivery may plan services for (服务对象), as Delivery knows it from the registry's events:
/// ids and codes only — personal details stay in Assessment.
/// </summary>
public sealed class Recipient
{
    private Recipient()
    {
    }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string VillageCode { get; private set; } = "";

    public string Category { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Recipient FromRegistration(Guid householdId, string townshipCode, string villageCode, string category, DateTimeOffset registeredAt) => new()
    {
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        VillageCode = villageCode,
        Category = category,
        RegisteredAt = registeredAt,
    };
}
