namespace ReliefPlatform.Township.Domain.Households;

/// <summary>
/// A household of this township, as the township centre knows it from the hub's events. The hub's events travel on
/// separate queues, so an assessment may be heard before the registration: the household is then known by its id and
/// village only (<see cref="IsRegistered"/> false) and keeps what the assessment said until the registration fills in the rest.
/// </summary>
public sealed class LocalHousehold
{
    private LocalHousehold()
    {
    }

    public Guid HouseholdId { get; private set; }

    public string VillageCode { get; private set; } = "";

    public string Category { get; private set; } = "";

    public int MemberCount { get; private set; }

    /// <summary>Whether the registration itself has been heard (false while only later events have arrived).</summary>
    public bool IsRegistered { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Difficulty degree of the last approved assessment (General, Serious, Severe), if assessed.</summary>
    public string? Degree { get; private set; }

    public DateOnly? ReassessmentDueOn { get; private set; }

    /// <summary>When the assessment behind <see cref="Degree"/> was approved; an older one heard later changes nothing.</summary>
    public DateTimeOffset? AssessedAt { get; private set; }

    /// <summary>When the registry last corrected or moved the household; an older correction heard later changes nothing.</summary>
    public DateTimeOffset? CorrectedAt { get; private set; }

    /// <summary>Set while the household lives in another township (handed over); it leaves this centre's lists and worklist.</summary>
    public DateTimeOffset? MovedAwayAt { get; private set; }

    /// <summary>A registry correction: the household stands as given, unless a later correction is already known.</summary>
    public void Corrected(string villageCode, string category, int memberCount, DateTimeOffset at)
    {
        if (CorrectedAt is { } known && known > at)
        {
            return;
        }

        VillageCode = villageCode;
        Category = category;
        MemberCount = memberCount;
        CorrectedAt = at;
        IsRegistered = true;
    }

    /// <summary>The household moved to another township: handed over, unless it has since moved back here.</summary>
    public void MovedAway(DateTimeOffset at)
    {
        if (CorrectedAt is { } known && known > at)
        {
            return;
        }

        MovedAwayAt = at;
        CorrectedAt = at;
    }

    /// <summary>The household moved here from another township, standing as the registry gives it.</summary>
    public void MovedIn(string villageCode, string category, int memberCount, string? degree, DateTimeOffset at)
    {
        if (CorrectedAt is { } known && known > at)
        {
            return;
        }

        Corrected(villageCode, category, memberCount, at);
        MovedAwayAt = null;
        if (!string.IsNullOrEmpty(degree))
        {
            Degree = degree;
        }
    }

    /// <summary>Applies an approved assessment unless a later one is already known.</summary>
    public void Assessed(string degree, DateOnly reassessmentDueOn, DateTimeOffset at)
    {
        if (AssessedAt is { } known && known > at)
        {
            return;
        }

        Degree = degree;
        ReassessmentDueOn = reassessmentDueOn;
        AssessedAt = at;
    }

    /// <summary>Whether a visit raised at <paramref name="raisedAt"/> was already answered by an approved assessment.</summary>
    public bool AssessedSince(DateTimeOffset raisedAt) => AssessedAt is { } at && at >= raisedAt;

    /// <summary>The registration arrived after something else made the household known: it fills in what was missing.</summary>
    public void Registered(string villageCode, string category, int memberCount, DateTimeOffset registeredAt)
    {
        if (IsRegistered)
        {
            return;
        }

        VillageCode = villageCode;
        Category = category;
        MemberCount = memberCount;
        RegisteredAt = registeredAt;
        IsRegistered = true;
    }

    public static LocalHousehold FromRegistration(Guid householdId, string villageCode, string category, int memberCount, DateTimeOffset registeredAt) => new()
    {
        HouseholdId = householdId,
        VillageCode = villageCode,
        Category = category,
        MemberCount = memberCount,
        RegisteredAt = registeredAt,
        IsRegistered = true,
    };

    /// <summary>A household heard of before its registration (e.g. through its assessment): its id and village only.</summary>
    public static LocalHousehold HeardOf(Guid householdId, string villageCode, DateTimeOffset at) => new()
    {
        HouseholdId = householdId,
        VillageCode = villageCode,
        RegisteredAt = at,
    };
}
