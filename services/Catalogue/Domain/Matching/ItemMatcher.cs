using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Vocabulary;

namespace ReliefPlatform.Catalogue.Domain.Matching;

/// <summary>
/// Decides, for a household's needs profile, which items it is eligible for and explains each decision in
/// the words staff use. Pure: the same profile and catalogue always give the same answer.
/// </summary>
public sealed class ItemMatcher(CatalogueVocabulary vocabulary, Func<string, string> townshipName)
{
    public IReadOnlyList<ItemMatch> Match(HouseholdProfile profile, IEnumerable<ItemDefinition> items) =>
        [.. items.Select(item => Match(profile, item)).OrderByDescending(m => m.Eligible)];

    public ItemMatch Match(HouseholdProfile profile, ItemDefinition item)
    {
        var reasons = new List<MatchReason>();
        Township(profile, item, reasons);
        var scope = item.Scope;
        AnyOf(reasons, "category", VocabularyKinds.Category, "家庭类别", scope.Categories, profile.Category is null ? [] : [profile.Category]);
        Degree(profile, scope, reasons);
        AnyOf(reasons, "difficulty-type", VocabularyKinds.DifficultyType, "困境类型", scope.DifficultyTypes, profile.DifficultyTypes);
        AnyOf(reasons, "need", VocabularyKinds.Need, "服务需求", scope.NeedCodes, profile.NeedCodes);
        Members(profile, scope, reasons);

        var inScope = reasons.TrueForAll(r => r.Met);
        var standard = item.Standard;
        foreach (var rule in item.Overlaps.Where(o => profile.Policies.Contains(o.PolicyCode, StringComparer.Ordinal)))
        {
            var policy = vocabulary.Name(VocabularyKinds.Policy, rule.PolicyCode);
            var reason = rule.Effect switch
            {
                OverlapEffect.Exclude => new MatchReason($"overlap:{rule.PolicyCode}", false,
                    $"已享受{policy}，与本项保障的是同一需求，不予重复安排。{rule.Note}".TrimEnd()),
                OverlapEffect.ReduceFrequency => new MatchReason($"overlap:{rule.PolicyCode}", true,
                    $"已享受{policy}，服务频次由{ItemDescriptions.Frequency(item.Standard.Frequency)}降为{ItemDescriptions.Frequency(rule.ReducedFrequency!)}。{rule.Note}".TrimEnd()),
                _ => new MatchReason($"overlap:{rule.PolicyCode}", true, $"已享受{policy}，可以安排：{rule.Note}"),
            };
            reasons.Add(reason);
            if (rule.Effect == OverlapEffect.ReduceFrequency && rule.ReducedFrequency!.PerYear() < standard.Frequency.PerYear())
            {
                standard = standard with { Frequency = rule.ReducedFrequency };
            }
        }

        var eligible = inScope && reasons.TrueForAll(r => r.Met);
        return new ItemMatch(item.Code, item.NameZh, item.ClassCode, eligible, eligible ? standard : null, reasons);
    }

    private void Township(HouseholdProfile profile, ItemDefinition item, List<MatchReason> reasons)
    {
        if (item.Townships.Count == 0)
        {
            reasons.Add(new MatchReason("township", true, "全县均提供。"));
        }
        else if (profile.TownshipCode is null)
        {
            reasons.Add(new MatchReason("township", false, $"仅在{string.Join("、", item.Townships.Select(townshipName))}提供，未说明家庭所在乡镇。"));
        }
        else
        {
            var offered = item.Townships.Contains(profile.TownshipCode, StringComparer.Ordinal);
            reasons.Add(new MatchReason("township", offered, offered
                ? "家庭所在乡镇提供本项服务。"
                : $"仅在{string.Join("、", item.Townships.Select(townshipName))}提供，家庭所在乡镇未提供。"));
        }
    }

    private void AnyOf(List<MatchReason> reasons, string rule, string kind, string what, IReadOnlyList<string> wanted, IReadOnlyList<string> has)
    {
        if (wanted.Count == 0)
        {
            return;
        }

        var hits = wanted.Where(w => has.Contains(w, StringComparer.Ordinal)).ToList();
        reasons.Add(hits.Count > 0
            ? new MatchReason(rule, true, $"{what}为{vocabulary.Names(kind, hits)}，在服务对象范围内。")
            : new MatchReason(rule, false, has.Count == 0
                ? $"本项限{what}为{vocabulary.Names(kind, wanted)}，该家庭没有。"
                : $"本项限{what}为{vocabulary.Names(kind, wanted)}，该家庭为{vocabulary.Names(kind, has)}。"));
    }

    private void Degree(HouseholdProfile profile, TargetScope scope, List<MatchReason> reasons)
    {
        if (scope.MinDegree is null)
        {
            return;
        }

        var needed = vocabulary.Name(VocabularyKinds.Degree, scope.MinDegree);
        if (profile.Degree is null)
        {
            reasons.Add(new MatchReason("degree", false, $"本项要求困难程度{needed}及以上，该家庭尚无评估结果。"));
            return;
        }

        var met = vocabulary.Rank(VocabularyKinds.Degree, profile.Degree) >= vocabulary.Rank(VocabularyKinds.Degree, scope.MinDegree);
        var actual = vocabulary.Name(VocabularyKinds.Degree, profile.Degree);
        reasons.Add(new MatchReason("degree", met, met
            ? $"困难程度为{actual}，达到{needed}及以上。"
            : $"本项要求困难程度{needed}及以上，该家庭为{actual}。"));
    }

    private void Members(HouseholdProfile profile, TargetScope scope, List<MatchReason> reasons)
    {
        if (!scope.HasMemberConditions)
        {
            return;
        }

        var wanted = ItemDescriptions.MemberConditions(scope, vocabulary);
        var qualifying = profile.Members.FirstOrDefault(m => Qualifies(m, scope));
        reasons.Add(qualifying is not null
            ? new MatchReason("member", true, $"家中有{wanted}的成员（{qualifying.Age}岁）。")
            : new MatchReason("member", false, $"本项限{wanted}的成员，该家庭没有符合的成员。"));
    }

    private static bool Qualifies(MemberProfile member, TargetScope scope) =>
        (scope.MinAge is not { } min || member.Age >= min)
        && (scope.MaxAge is not { } max || member.Age <= max)
        && (!scope.DisabilityRequired || member.DisabilityType is not null)
        && (scope.DisabilityTypes.Count == 0 || scope.DisabilityTypes.Contains(member.DisabilityType ?? "", StringComparer.Ordinal))
        && (scope.MaxDisabilityGrade is not { } grade || member.DisabilityGrade is { } g && g <= grade)
        && (!scope.LivingAloneRequired || member.LivingAlone)
        && (scope.Sex is not { } sex || string.Equals(member.Sex, sex, StringComparison.Ordinal))
        && (scope.EmploymentStatuses.Count == 0 || scope.EmploymentStatuses.Contains(member.EmploymentStatus ?? "", StringComparer.Ordinal));
}
