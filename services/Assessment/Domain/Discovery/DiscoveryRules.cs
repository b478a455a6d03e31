using ReliefPlatform.Assessment.Domain.Imports;

namespace ReliefPlatform.Assessment.Domain.Discovery;

/// <summary>
/// Proactive discovery (主动发现): which situations call for a visit, judged from what is known now and, where a
/// rule is about change, what was known before.
/// </summary>
public static class DiscoveryRules
{
    public const string MedicalBurden = "medical-burden";
    public const string DisabilityWorsened = "disability-worsened";
    public const string ElderlyAlone = "elderly-alone";
    public const string MinorWithoutGuardian = "minor-without-guardian";
    public const string IncomeBelowLine = "income-below-line";
    public const string CategoryChanged = "category-changed";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MedicalBurden] = "住院或大额医疗支出",
        [DisabilityWorsened] = "新增残疾或残疾加重",
        [ElderlyAlone] = "高龄独居",
        [MinorWithoutGuardian] = "未成年人缺乏有效监护",
        [IncomeBelowLine] = "收入降至低保标准以下",
        [CategoryChanged] = "救助类别变化",
    };

    /// <summary>The rules that fire for a person; <paramref name="before"/> is null for someone not known until now.</summary>
    public static List<string> Evaluate(PersonFacts now, PersonFacts? before, DiscoveryOptions options)
    {
        var fired = new List<string>(2);
        void Fire(string rule)
        {
            if (!options.Disabled.Contains(rule))
            {
                fired.Add(rule);
            }
        }

        var yearlyIncome = (now.MonthlyIncome ?? 0) * 12;
        if (now.RiskSignals.Contains(RiskSignals.Hospitalised) || now.RiskSignals.Contains(RiskSignals.MajorIllness)
            || (now.MedicalExpense is > 0 && now.MedicalExpense >= yearlyIncome * options.MedicalBurdenShare))
        {
            Fire(MedicalBurden);
        }

        if (before is not null && now.DisabilityGrade is { } grade && (before.DisabilityGrade is null || grade < before.DisabilityGrade))
        {
            Fire(DisabilityWorsened);
        }

        if (now.Age >= options.ElderlyAloneAge && now.LivingAlone)
        {
            Fire(ElderlyAlone);
        }

        if (now.Age < 18 && now.HasEffectiveGuardian == false)
        {
            Fire(MinorWithoutGuardian);
        }

        if (before?.MonthlyIncome is { } previous && previous >= options.LowIncomeLine && now.MonthlyIncome < options.LowIncomeLine)
        {
            Fire(IncomeBelowLine);
        }

        if (before is not null && before.Category != now.Category)
        {
            Fire(CategoryChanged);
        }

        return fired;
    }

    public static int VisitDays(string rule, DiscoveryOptions options) =>
        options.VisitDays.TryGetValue(rule, out var days) ? days : options.DefaultVisitDays;
}
