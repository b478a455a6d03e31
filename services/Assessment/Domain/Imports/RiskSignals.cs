using System.Collections.Frozen;

namespace ReliefPlatform.Assessment.Domain.Imports;

/// <summary>Risk signals the monitoring platform reports, by code and by the Chinese term in its files.</summary>
public static class RiskSignals
{
    public const string Hospitalised = "hospitalised";
    public const string MajorIllness = "major-illness";
    public const string Disaster = "disaster";
    public const string JobLoss = "job-loss";
    public const string Accident = "accident";

    public static readonly FrozenDictionary<string, string> ByChineseName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["住院"] = Hospitalised,
        ["大病"] = MajorIllness,
        ["受灾"] = Disaster,
        ["失业"] = JobLoss,
        ["意外事故"] = Accident,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Codes = ByChineseName.Values.ToFrozenSet(StringComparer.Ordinal);

    public static bool TryParse(string value, out string code)
    {
        var trimmed = value.Trim();
        if (Codes.Contains(trimmed))
        {
            code = trimmed;
            return true;
        }

        return ByChineseName.TryGetValue(trimmed, out code!);
    }
}
