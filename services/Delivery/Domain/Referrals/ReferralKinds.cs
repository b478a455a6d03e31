namespace ReliefPlatform.Delivery.Domain.Referrals;

/// <summary>A kind of referral: the department that answers it, its name, and the days it has to finish it.</summary>
public sealed record ReferralKind(string Department, string Name, int DueDays);

/// <summary>
/// Referral kinds by need code (<c>ReferralKinds</c> in configuration; the county's defaults below): an approved
/// assessment stating one of these needs suggests a referral to its department, and a referral of the kind is due
/// within its days. A referral of no kind is due within <see cref="DefaultDueDays"/>.
/// </summary>
public sealed class ReferralKindOptions
{
    public const string Section = "ReferralKinds";

    public int DefaultDueDays { get; set; } = 15;

    public Dictionary<string, ReferralKind> Kinds { get; set; } = new(StringComparer.Ordinal)
    {
        ["education-support"] = new("education", "助学帮扶", 15),
        ["employment-support"] = new("human-resources", "就业帮扶", 15),
        ["housing-renovation"] = new("housing", "危房改造", 30),
        ["medical-support"] = new("health", "就医帮扶", 10),
    };

    public int DueDays(string? kind) => kind is not null && Kinds.TryGetValue(kind, out var known) ? known.DueDays : DefaultDueDays;

    /// <summary>The kinds an assessment's needs call for, each once, in the order of the needs.</summary>
    public IEnumerable<(string Kind, ReferralKind Referral)> SuggestedBy(IEnumerable<string> needCodes) =>
        needCodes.Distinct(StringComparer.Ordinal).Where(Kinds.ContainsKey).Select(code => (code, Kinds[code]));
}
