namespace ReliefPlatform.Assessment.Domain.Discovery;

/// <summary>The county's proactive-discovery settings (configuration section <c>Discovery</c>).</summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Discovery";

    /// <summary>低保 standard, yuan per person per month: income falling below it raises an alert.</summary>
    public decimal LowIncomeLine { get; set; } = 780m;

    /// <summary>Medical spending of at least this share of a year's income is a medical burden.</summary>
    public decimal MedicalBurdenShare { get; set; } = 0.5m;

    public int ElderlyAloneAge { get; set; } = 70;

    /// <summary>Days a township has to visit, per rule; rules not listed get <see cref="DefaultVisitDays"/>.</summary>
    public Dictionary<string, int> VisitDays { get; set; } = new(StringComparer.Ordinal)
    {
        [DiscoveryRules.MinorWithoutGuardian] = 3,
        [DiscoveryRules.MedicalBurden] = 7,
    };

    public int DefaultVisitDays { get; set; } = 15;

    /// <summary>Rules switched off by the county.</summary>
    public List<string> Disabled { get; set; } = [];
}
