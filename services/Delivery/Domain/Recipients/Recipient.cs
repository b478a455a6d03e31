using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Delivery.Domain.Recipients;

/// <summary>
/// A household Delivery may plan services for (服务对象), as Delivery knows it from the registry's events:
/// ids and codes only — personal details stay in Assessment.
/// </summary>
public sealed class Recipient : ITownshipOwned
{
    private Recipient()
    {
    }

    public Guid HouseholdId { get; private set; }

    public string TownshipCode { get; private set; } = "";

    public string VillageCode { get; private set; } = "";

    public string Category { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>The latest approved assessment Delivery plans from (NeedsAssessed).</summary>
    public Guid? AssessmentId { get; private set; }

    public string? Degree { get; private set; }

    public string[] DifficultyTypes { get; private set; } = [];

    public string[] NeedCodes { get; private set; } = [];

    public DateTimeOffset? AssessedAt { get; private set; }

    /// <summary>Takes the needs of an approved assessment, unless a later one is already known (events may arrive out of order).</summary>
    public bool RecordNeeds(Guid assessmentId, string degree, IEnumerable<string> difficultyTypes, IEnumerable<string> needCodes, DateTimeOffset assessedAt)
    {
        if (AssessedAt is { } known && known >= assessedAt)
        {
            return false;
        }

        AssessmentId = assessmentId;
        Degree = degree;
        DifficultyTypes = [.. difficultyTypes];
        NeedCodes = [.. needCodes];
        AssessedAt = assessedAt;
        return true;
    }

    /// <summary>When the registry last corrected the household, so an older correction arriving late changes nothing.</summary>
    public DateTimeOffset? CorrectedAt { get; private set; }

    /// <summary>Takes the household as a registry correction left it, unless a later correction is already known.</summary>
    public bool Correct(string category, DateTimeOffset correctedAt, string? villageCode = null)
    {
        if (CorrectedAt is { } known && known >= correctedAt)
        {
            return false;
        }

        Category = category;
        VillageCode = villageCode ?? VillageCode;
        CorrectedAt = correctedAt;
        return true;
    }

    /// <summary>The household moved to another township: it is served there from now on (unless a later correction is known).</summary>
    public bool Move(string townshipCode, string villageCode, string category, DateTimeOffset movedAt)
    {
        if (!Correct(category, movedAt, villageCode))
        {
            return false;
        }

        TownshipCode = townshipCode;
        return true;
    }

    public static Recipient FromRegistration(Guid householdId, string townshipCode, string villageCode, string category, DateTimeOffset registeredAt) => new()
    {
        HouseholdId = householdId,
        TownshipCode = townshipCode,
        VillageCode = villageCode,
        Category = category,
        RegisteredAt = registeredAt,
    };
}
