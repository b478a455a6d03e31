using System.Text.RegularExpressions;

namespace ReliefPlatform.Funding.Domain.Budgets;

/// <summary>Project and item codes as Funding accepts them: letters, digits and hyphens, 2–40 characters (HS-2026-01, daily-care).</summary>
public static partial class Codes
{
    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,39}$")]
    private static partial Regex Pattern();
}
