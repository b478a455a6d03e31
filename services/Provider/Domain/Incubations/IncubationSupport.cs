namespace ReliefPlatform.Provider.Domain.Incubations;

/// <summary>
/// Support given during incubation: training, space (场地), mentoring, or seed money (种子资金). Seed money names the budget
/// year, purchase project and township it comes from; Funding reserves it under <see cref="FundingReference"/> when it hears of
/// the grant (IncubationSeedMoneyGranted).
/// </summary>
public sealed class IncubationSupport
{
    public const string SeedMoney = "seed-money";

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["training"] = "能力培训",
        ["space"] = "场地支持",
        ["mentoring"] = "督导陪伴",
        [SeedMoney] = "种子资金",
    };

    private IncubationSupport()
    {
    }

    public Guid Id { get; private set; }

    public Guid IncubationId { get; private set; }

    public string Kind { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DateOnly ProvidedOn { get; private set; }

    /// <summary>Yuan; only for seed money.</summary>
    public decimal? Amount { get; private set; }

    public int? BudgetYear { get; private set; }

    public string? ProjectCode { get; private set; }

    /// <summary>The township whose budget the seed money is charged to.</summary>
    public string? TownshipCode { get; private set; }

    public string? FundingReference { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    internal static IncubationSupport Record(
        Guid incubationId, string kind, string description, DateOnly providedOn, decimal? amount, int? budgetYear, string? projectCode, string? townshipCode, string by,
        DateTimeOffset at)
    {
        var id = Guid.CreateVersion7(at);
        var money = kind == SeedMoney;
        return new()
        {
            Id = id,
            IncubationId = incubationId,
            Kind = kind,
            Description = description,
            ProvidedOn = providedOn,
            Amount = money ? amount : null,
            BudgetYear = money ? budgetYear : null,
            ProjectCode = money ? projectCode : null,
            TownshipCode = money ? townshipCode : null,
            FundingReference = money ? $"incubation-{id:N}" : null,
            RecordedBy = by,
            RecordedAt = at,
        };
    }
}
