namespace ReliefPlatform.Assessment.Domain.Households;

/// <summary>A household in the county's low-income registry (低收入人口台账).</summary>
public sealed class Household
{
    private Household()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>9-digit township code (乡镇代码).</summary>
    public string TownshipCode { get; private set; } = "";

    /// <summary>12-digit village code (村/社区代码), beginning with the township code.</summary>
    public string VillageCode { get; private set; } = "";

    public HouseholdCategory Category { get; private set; }

    public int MemberCount { get; private set; }

    public HouseholdStatus Status { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Household Register(string townshipCode, string villageCode, HouseholdCategory category, int memberCount, DateTimeOffset now)
    {
        if (!villageCode.StartsWith(townshipCode, StringComparison.Ordinal))
        {
            throw new ArgumentException("The village must belong to the township.", nameof(villageCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(memberCount, 1);
        return new Household
        {
            Id = Guid.CreateVersion7(now),
            TownshipCode = townshipCode,
            VillageCode = villageCode,
            Category = category,
            MemberCount = memberCount,
            Status = HouseholdStatus.Active,
            RegisteredAt = now,
        };
    }
}
