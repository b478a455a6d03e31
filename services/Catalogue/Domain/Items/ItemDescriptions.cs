using System.Globalization;
using ReliefPlatform.Catalogue.Domain.Vocabulary;

namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>An item's rules in the words of the printed catalogue (清单) — used by the export, the print page and matching.</summary>
public static class ItemDescriptions
{
    public static string Frequency(ServiceFrequency frequency) => frequency.Per switch
    {
        ServicePeriod.Week => $"每周{frequency.Times}次",
        ServicePeriod.Month => $"每月{frequency.Times}次",
        ServicePeriod.Quarter => $"每季度{frequency.Times}次",
        ServicePeriod.Year => $"每年{frequency.Times}次",
        _ => $"每个评估周期{frequency.Times}次",
    };

    public static string MemberConditions(TargetScope scope, CatalogueVocabulary vocabulary)
    {
        var parts = new List<string>();
        if (scope.Sex is { } sex)
        {
            parts.Add(vocabulary.Name(VocabularyKinds.Sex, sex));
        }

        switch (scope.MinAge, scope.MaxAge)
        {
            case ({ } min, { } max):
                parts.Add($"{min}–{max}岁");
                break;
            case ({ } min, null):
                parts.Add($"{min}岁及以上");
                break;
            case (null, { } max):
                parts.Add($"{max}岁及以下");
                break;
        }

        if (scope.DisabilityRequired || scope.DisabilityTypes.Count > 0 || scope.MaxDisabilityGrade is not null)
        {
            var grade = scope.MaxDisabilityGrade is { } g ? (g == 1 ? "一级" : $"一至{GradeName(g)}级") : null;
            parts.Add((scope.DisabilityTypes.Count > 0, grade) switch
            {
                (true, null) => vocabulary.Names(VocabularyKinds.DisabilityType, scope.DisabilityTypes),
                (true, _) => $"{vocabulary.Names(VocabularyKinds.DisabilityType, scope.DisabilityTypes)}（{grade}）",
                (false, null) => "持残疾证",
                (false, _) => $"{grade}残疾",
            });
        }

        if (scope.LivingAloneRequired)
        {
            parts.Add("独居");
        }

        if (scope.EmploymentStatuses.Count > 0)
        {
            parts.Add($"就业状况为{string.Join("或", scope.EmploymentStatuses.Select(s => vocabulary.Name(VocabularyKinds.EmploymentStatus, s)))}");
        }

        return string.Join("、", parts);
    }

    public static string Scope(TargetScope scope, CatalogueVocabulary vocabulary)
    {
        var parts = new List<string>();
        if (scope.Categories.Count > 0)
        {
            parts.Add($"家庭类别：{vocabulary.Names(VocabularyKinds.Category, scope.Categories)}");
        }

        if (scope.MinDegree is { } degree)
        {
            parts.Add($"困难程度：{vocabulary.Name(VocabularyKinds.Degree, degree)}及以上");
        }

        if (scope.DifficultyTypes.Count > 0)
        {
            parts.Add($"困境类型：{vocabulary.Names(VocabularyKinds.DifficultyType, scope.DifficultyTypes)}");
        }

        if (scope.NeedCodes.Count > 0)
        {
            parts.Add($"服务需求：{vocabulary.Names(VocabularyKinds.Need, scope.NeedCodes)}");
        }

        if (scope.HasMemberConditions)
        {
            parts.Add($"成员：{MemberConditions(scope, vocabulary)}");
        }

        return string.Join("；", parts);
    }

    public static string Standard(ServiceStandard standard)
    {
        var text = Frequency(standard.Frequency);
        if (standard.MinutesPerSession > 0)
        {
            text += $"，每次不少于{standard.MinutesPerSession}分钟";
        }

        text += $"；须包含：{string.Join("、", standard.RequiredContent)}";
        if (standard.QualityRequirements.Count > 0)
        {
            text += $"；质量要求：{string.Join("；", standard.QualityRequirements)}";
        }

        return text;
    }

    public static string DeliveryModes(IEnumerable<DeliveryMode> modes) => string.Join("、", modes.Select(m => m switch
    {
        DeliveryMode.Home => "上门",
        DeliveryMode.Centre => "到站",
        _ => "远程",
    }));

    public static string Pricing(ItemPricing pricing) => pricing.Kind switch
    {
        PricingKind.Priced => $"{pricing.UnitPrice!.Value.ToString("0.00", CultureInfo.InvariantCulture)}元/{pricing.Unit}",
        PricingKind.Free => $"免费（按{pricing.Unit}计）",
        _ => $"志愿服务（按{pricing.Unit}计）",
    };

    public static string Overlaps(IEnumerable<OverlapRule> overlaps, CatalogueVocabulary vocabulary) => string.Join("；", overlaps.Select(o =>
    {
        var policy = vocabulary.Name(VocabularyKinds.Policy, o.PolicyCode);
        var effect = o.Effect switch
        {
            OverlapEffect.Exclude => "不予重复安排",
            OverlapEffect.ReduceFrequency => $"降为{Frequency(o.ReducedFrequency!)}",
            _ => "可以安排",
        };
        return string.IsNullOrWhiteSpace(o.Note) ? $"已享受{policy}的，{effect}" : $"已享受{policy}的，{effect}（{o.Note}）";
    }));

    private static string GradeName(int grade) => grade switch { 2 => "二", 3 => "三", _ => "四" };
}
