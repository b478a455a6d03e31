using ReliefPlatform.Security.Walls;

namespace ReliefPlatform.Funding.Domain.Budgets;

/// <summary>
/// A budget line: one year's money from one source for one purchase project in one township (and, where
/// needed, one catalogue item). Its totals move only with ledger entries, and available = allocated − committed
/// − spent never goes below zero (the database refuses it).
/// </summary>
public sealed class BudgetLine : ITownshipOwned
{
    private BudgetLine()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public string SourceType { get; private set; } = "";

    public string ProjectCode { get; private set; } = "";

    public string TownshipCode { get; private set; } = "";

    /// <summary>Empty for a line that serves every item of the project.</summary>
    public string ItemCode { get; private set; } = "";

    public decimal Allocated { get; private set; }

    public decimal Committed { get; private set; }

    public decimal Spent { get; private set; }

    public decimal Available => Allocated - Committed - Spent;

    public DateTimeOffset CreatedAt { get; private set; }

    public static BudgetLine Open(BudgetKey key, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Year = key.Year,
        SourceType = key.SourceType,
        ProjectCode = key.ProjectCode,
        TownshipCode = key.TownshipCode,
        ItemCode = key.ItemCode,
        CreatedAt = at,
    };
}

/// <summary>What identifies a budget line.</summary>
public sealed record BudgetKey(int Year, string SourceType, string ProjectCode, string TownshipCode, string ItemCode);
