namespace ReliefPlatform.Township.Domain.Households;

/// <summary>A household of this township, as the township centre knows it from the hub's events.</summary>
public sealed class LocalHousehold
{
    private LocalHousehold()
    {
    }

    public Guid HouseholdId { get; private set; }

    public string VillageCode { get; private set; } = "";

    public string Category { get; private set; } = "";

    public int MemberCount { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Difficulty degree of the last approved assessment (General, Serious, Severe), if assessed.</summary>
    public string? Degree { get; private set; }

    public DateOnly? ReassessmentDueOn { get; private set; }

    public void Assessed(string degree, DateOnly reassessmentDueOn)
    {
        Degree = degree;
        ReassessmentDueOn = reassessmentDueOn;
    }

    public static LocalHousehold FromRegistration(Guid householdId, string villageCode, string category, int memberCount, DateTimeOffset registeredAt) => new()
    {
        HouseholdId = householdId,
        VillageCode = villageCode,
        Category = category,
        MemberCount = memberCount,
        RegisteredAt = registeredAt,
    };
}
