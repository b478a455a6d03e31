using ReliefPlatform.Catalogue.Domain.Items;

namespace ReliefPlatform.Catalogue.Domain.Matching;

/// <summary>
/// The answer for one item: whether the household may receive it, the standard that then applies (an overlap
/// may lower the frequency), and every rule considered with whether it was met and why.
/// </summary>
public sealed record ItemMatch(
    string Code,
    string NameZh,
    string ClassCode,
    bool Eligible,
    ServiceStandard? Standard,
    IReadOnlyList<MatchReason> Reasons);

/// <summary>One rule considered: <c>township</c>, <c>category</c>, <c>degree</c>, <c>difficulty-type</c>, <c>need</c>, <c>member</c> or <c>overlap:&lt;policy&gt;</c>.</summary>
public sealed record MatchReason(string Rule, bool Met, string Explanation);
