namespace ReliefPlatform.Funding.Domain.Budgets;

/// <summary>Amounts in yuan as decimals to the fen; never floating point.</summary>
public static class Money
{
    public const decimal Max = 10_000_000_000m;

    /// <summary>Null when the amount is a positive number of yuan with at most two decimals; otherwise what is wrong, in Chinese.</summary>
    public static string? Problem(decimal? amount) => amount switch
    {
        null => "请填写金额（元）。",
        <= 0 => "金额必须大于 0。",
        > Max => "金额过大，请核对。",
        { } value when decimal.Round(value, 2) != value => "金额以元为单位，最多精确到分（两位小数）。",
        _ => null,
    };
}
