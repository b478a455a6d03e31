using System.Text.RegularExpressions;
using ReliefPlatform.Catalogue.Domain.Vocabulary;

namespace ReliefPlatform.Catalogue.Domain.Items;

/// <summary>
/// What makes an item definition acceptable, as field-level errors in Chinese keyed by the JSON path of the
/// field. The definition may come straight from a request, so every member may be null.
/// </summary>
public static partial class ItemRules
{
    public const int MaxTextLength = 2000;

    private const string VolunteerService = "volunteer-service";

    public sealed record Context(CatalogueVocabulary Vocabulary, IReadOnlySet<string> ClassCodes, IReadOnlySet<string> TownshipCodes);

    public static Dictionary<string, string[]> Check(ItemDefinition? item, Context context)
    {
        var errors = new Errors();
        if (item is null)
        {
            errors.Add("item", "请提供服务事项。");
            return errors.ToDictionary();
        }

        if (string.IsNullOrWhiteSpace(item.Code) || !CodePattern().IsMatch(item.Code))
        {
            errors.Add("code", "事项编码必填，只能由小写字母、数字和连字符组成（2–40 位），如 meal-delivery。");
        }

        Text(errors, "nameZh", item.NameZh, "中文名称", 50);
        Text(errors, "nameEn", item.NameEn, "英文名称", 100);
        Text(errors, "content", item.Content, "服务内容", MaxTextLength);
        if (!context.ClassCodes.Contains(item.ClassCode ?? ""))
        {
            errors.Add("classCode", $"服务类别“{item.ClassCode}”不存在。");
        }

        CheckScope(errors, item.Scope, context.Vocabulary);
        CheckStandard(errors, item.Standard);
        CheckDelivery(errors, item, context);
        CheckPricing(errors, item.Pricing, item.FundingSources, context.Vocabulary);
        CheckOverlaps(errors, item.Overlaps, item.Standard?.Frequency, context.Vocabulary);
        return errors.ToDictionary();
    }

    private static void CheckScope(Errors errors, TargetScope? scope, CatalogueVocabulary vocabulary)
    {
        if (scope is null)
        {
            errors.Add("scope", "请填写服务对象范围（scope）。");
            return;
        }

        Codes(errors, "scope.categories", scope.Categories, VocabularyKinds.Category, "家庭类别", vocabulary);
        Codes(errors, "scope.difficultyTypes", scope.DifficultyTypes, VocabularyKinds.DifficultyType, "困境类型", vocabulary);
        Codes(errors, "scope.needCodes", scope.NeedCodes, VocabularyKinds.Need, "服务需求", vocabulary);
        Codes(errors, "scope.disabilityTypes", scope.DisabilityTypes, VocabularyKinds.DisabilityType, "残疾类别", vocabulary);
        Codes(errors, "scope.employmentStatuses", scope.EmploymentStatuses, VocabularyKinds.EmploymentStatus, "就业状况", vocabulary);
        if (scope.Sex is not null && !vocabulary.Knows(VocabularyKinds.Sex, scope.Sex))
        {
            errors.Add("scope.sex", $"性别“{scope.Sex}”不存在，应为 Female（女性）或 Male（男性）。");
        }

        if (scope.MinDegree is not null && !vocabulary.Knows(VocabularyKinds.Degree, scope.MinDegree))
        {
            errors.Add("scope.minDegree", $"困难程度“{scope.MinDegree}”不存在，应为 General、Serious 或 Severe。");
        }

        if (scope.MinAge is < 0 or > 120)
        {
            errors.Add("scope.minAge", "最低年龄应在 0–120 之间。");
        }

        if (scope.MaxAge is < 0 or > 120)
        {
            errors.Add("scope.maxAge", "最高年龄应在 0–120 之间。");
        }

        if (scope.MinAge is { } min && scope.MaxAge is { } max && min > max)
        {
            errors.Add("scope.maxAge", "最高年龄不能低于最低年龄。");
        }

        if (scope.MaxDisabilityGrade is < 1 or > 4)
        {
            errors.Add("scope.maxDisabilityGrade", "残疾等级为 1–4 级（1 级最重）。");
        }

        if ((scope.Categories?.Count ?? 0) == 0 && (scope.NeedCodes?.Count ?? 0) == 0 && (scope.DifficultyTypes?.Count ?? 0) == 0)
        {
            errors.Add("scope", "服务对象范围至少要限定家庭类别、困境类型或服务需求之一，否则全县所有人都符合。");
        }
    }

    private static void CheckStandard(Errors errors, ServiceStandard? standard)
    {
        if (standard is null)
        {
            errors.Add("standard", "请填写服务标准（standard）。");
            return;
        }

        Frequency(errors, "standard.frequency", standard.Frequency);
        if (standard.MinutesPerSession is < 0 or > 24 * 60)
        {
            errors.Add("standard.minutesPerSession", "每次服务时长应在 0–1440 分钟之间。");
        }

        if (standard.Frequency?.Per != ServicePeriod.Cycle && standard.MinutesPerSession == 0)
        {
            errors.Add("standard.minutesPerSession", "定期服务须规定每次服务的最短时长（分钟）。");
        }

        if (standard.RequiredContent is null || standard.RequiredContent.Count == 0 || standard.RequiredContent.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("standard.requiredContent", "请列出每次服务必须包含的内容。");
        }

        if (standard.QualityRequirements is null || standard.QualityRequirements.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("standard.qualityRequirements", "质量要求不能为空白。");
        }
    }

    private static void Frequency(Errors errors, string field, ServiceFrequency? frequency)
    {
        if (frequency is null)
        {
            errors.Add(field, "请填写服务频次。");
        }
        else if (frequency.Times <= 0)
        {
            errors.Add($"{field}.times", "服务频次必须大于 0。");
        }
        else if (!Enum.IsDefined(frequency.Per))
        {
            errors.Add($"{field}.per", "频次周期应为 Week、Month、Quarter、Year 或 Cycle。");
        }
        else if (frequency.PerYear() is > 366 * 3)
        {
            errors.Add($"{field}.times", "服务频次过高（每天最多 3 次）。");
        }
    }

    private static void CheckDelivery(Errors errors, ItemDefinition item, Context context)
    {
        if (item.DeliveryModes is null || item.DeliveryModes.Count == 0 || item.DeliveryModes.Any(m => !Enum.IsDefined(m)))
        {
            errors.Add("deliveryModes", "请选择服务方式：Home（上门）、Centre（到站）或 Remote（远程）。");
        }

        if (item.ProviderKinds is null || item.ProviderKinds.Count == 0)
        {
            errors.Add("providerKinds", "请列出可以提供该服务的服务主体类型。");
        }
        else
        {
            Codes(errors, "providerKinds", item.ProviderKinds, VocabularyKinds.ProviderKind, "服务主体类型", context.Vocabulary);
        }

        for (var i = 0; i < (item.Townships?.Count ?? 0); i++)
        {
            if (!context.TownshipCodes.Contains(item.Townships![i] ?? ""))
            {
                errors.Add($"townships[{i}]", $"乡镇代码“{item.Townships[i]}”不是本县的乡镇。");
            }
        }
    }

    private static void CheckPricing(Errors errors, ItemPricing? pricing, IReadOnlyList<string>? fundingSources, CatalogueVocabulary vocabulary)
    {
        if (fundingSources is null || fundingSources.Count == 0)
        {
            errors.Add("fundingSources", "请列出资金来源类型。");
        }
        else
        {
            Codes(errors, "fundingSources", fundingSources, VocabularyKinds.FundingSource, "资金来源", vocabulary);
        }

        if (pricing is null)
        {
            errors.Add("pricing", "请填写计价方式（pricing）。");
            return;
        }

        Text(errors, "pricing.unit", pricing.Unit, "计量单位", 10);
        switch (pricing.Kind)
        {
            case PricingKind.Priced when pricing.UnitPrice is not > 0m:
                errors.Add("pricing.unitPrice", "政府购买的事项须有大于 0 的单价（元）。");
                break;
            case PricingKind.Priced when decimal.Round(pricing.UnitPrice.Value, 2) != pricing.UnitPrice.Value || pricing.UnitPrice > 100_000m:
                errors.Add("pricing.unitPrice", "单价以元为单位，精确到分，且不超过 100000 元。");
                break;
            case PricingKind.Free or PricingKind.Volunteer when pricing.UnitPrice is not null and not 0m:
                errors.Add("pricing.unitPrice", "免费或志愿服务事项不能有单价。");
                break;
            case PricingKind.Priced when fundingSources is { Count: > 0 } && fundingSources.All(f => f == VolunteerService):
                errors.Add("fundingSources", "政府购买的事项须有资金来源（志愿服务时长不能支付单价）。");
                break;
            case PricingKind.Volunteer when fundingSources is { Count: > 0 } && !fundingSources.Contains(VolunteerService):
                errors.Add("fundingSources", "志愿服务事项的资金来源须包括志愿服务（volunteer-service），以便计入志愿时长。");
                break;
            case not (PricingKind.Priced or PricingKind.Free or PricingKind.Volunteer):
                errors.Add("pricing.kind", "计价方式应为 Priced（政府购买）、Free（免费）或 Volunteer（志愿服务）。");
                break;
        }

    }

    private static void CheckOverlaps(Errors errors, IReadOnlyList<OverlapRule>? overlaps, ServiceFrequency? standard, CatalogueVocabulary vocabulary)
    {
        if (overlaps is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < overlaps.Count; i++)
        {
            var rule = overlaps[i];
            var field = $"overlaps[{i}]";
            if (rule is null)
            {
                errors.Add(field, "衔接规则不能为空。");
                continue;
            }

            if (!vocabulary.Knows(VocabularyKinds.Policy, rule.PolicyCode))
            {
                errors.Add($"{field}.policyCode", $"现有政策“{rule.PolicyCode}”不存在。");
            }
            else if (!seen.Add(rule.PolicyCode))
            {
                errors.Add($"{field}.policyCode", $"现有政策“{vocabulary.Name(VocabularyKinds.Policy, rule.PolicyCode)}”重复列出。");
            }

            switch (rule.Effect)
            {
                case OverlapEffect.ReduceFrequency:
                    Frequency(errors, $"{field}.reducedFrequency", rule.ReducedFrequency);
                    if (rule.ReducedFrequency is { Times: > 0 } reduced && standard is { Times: > 0 }
                        && (reduced.PerYear() is not { } lower || standard.PerYear() is not { } full || lower >= full))
                    {
                        errors.Add($"{field}.reducedFrequency", "降低后的频次必须低于服务标准的频次（按同类周期比较）。");
                    }

                    break;
                case OverlapEffect.AllowWithNote when string.IsNullOrWhiteSpace(rule.Note):
                    errors.Add($"{field}.note", "“可以安排”须写明说明。");
                    break;
                case not (OverlapEffect.Exclude or OverlapEffect.ReduceFrequency or OverlapEffect.AllowWithNote):
                    errors.Add($"{field}.effect", "处理方式应为 Exclude（不予安排）、ReduceFrequency（降低频次）或 AllowWithNote（可以安排，附说明）。");
                    break;
            }

            if (rule.Note is { Length: > 500 })
            {
                errors.Add($"{field}.note", "说明不超过 500 字。");
            }
        }
    }

    private static void Codes(Errors errors, string field, IReadOnlyList<string>? codes, string kind, string what, CatalogueVocabulary vocabulary)
    {
        for (var i = 0; i < (codes?.Count ?? 0); i++)
        {
            if (!vocabulary.Knows(kind, codes![i]))
            {
                errors.Add($"{field}[{i}]", $"{what}“{codes[i]}”不存在。");
            }
        }
    }

    private static void Text(Errors errors, string field, string? value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{what}必填。");
        }
        else if (value.Length > maxLength)
        {
            errors.Add(field, $"{what}不超过 {maxLength} 字。");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
