using System.Globalization;

namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>
/// Scores answers with an instrument: points per indicator, a 0–100 score per dimension, the weighted overall
/// score, the degree from the thresholds, the types from their rules, and the needs stated or implied — each
/// step written down as a reason staff can read.
/// </summary>
public static class AssessmentScorer
{
    /// <summary>Field-level problems with the answers (zh-CN), keyed <c>answers.&lt;indicator&gt;</c>; empty when every indicator is answered validly.</summary>
    public static Dictionary<string, string[]> Check(Instrument instrument, IReadOnlyDictionary<string, IReadOnlyList<string>>? answers)
    {
        var errors = new Dictionary<string, string[]>();
        answers ??= new Dictionary<string, IReadOnlyList<string>>();
        foreach (var indicator in instrument.Indicators)
        {
            var key = $"answers.{indicator.Code}";
            if (!answers.TryGetValue(indicator.Code, out var chosen) || chosen.Count == 0)
            {
                // A multiple-choice indicator may be answered with nothing chosen (e.g. no service requested).
                if (!indicator.Multiple)
                {
                    errors[key] = [$"请回答“{indicator.Name}”。"];
                }

                continue;
            }

            if (!indicator.Multiple && chosen.Count > 1)
            {
                errors[key] = [$"“{indicator.Name}”只能选择一项。"];
            }
            else if (chosen.FirstOrDefault(c => indicator.Options.All(o => o.Code != c)) is { } unknown)
            {
                errors[key] = [$"“{indicator.Name}”没有选项“{unknown}”，可选：{string.Join("、", indicator.Options.Select(o => $"{o.Code}（{o.Label}）"))}。"];
            }
            else if (chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Count)
            {
                errors[key] = [$"“{indicator.Name}”的同一选项选择了两次。"];
            }
        }

        foreach (var extra in answers.Keys.Where(k => instrument.Indicators.All(i => i.Code != k)))
        {
            errors[$"answers.{extra}"] = [$"第{instrument.Version}版评估量表没有指标“{extra}”。"];
        }

        return errors;
    }

    /// <summary>Scores answers that passed <see cref="Check"/>.</summary>
    public static AssessmentResult Score(Instrument instrument, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        var indicators = new List<IndicatorScore>();
        var dimensions = new List<DimensionScore>();
        var needs = new SortedSet<string>(StringComparer.Ordinal);
        var reasons = new List<string>();

        foreach (var dimension in instrument.Dimensions)
        {
            decimal points = 0, max = 0;
            foreach (var indicator in dimension.Indicators)
            {
                var chosen = answers.TryGetValue(indicator.Code, out var c) ? c : [];
                var options = indicator.Options.Where(o => chosen.Contains(o.Code)).ToList();
                var indicatorPoints = options.Sum(o => o.Points);
                needs.UnionWith(options.SelectMany(o => o.NeedCodes));
                indicators.Add(new IndicatorScore(
                    dimension.Code, indicator.Code, indicator.Name, chosen, options.ConvertAll(o => o.Label), indicatorPoints, indicator.MaxPoints));
                points += indicatorPoints;
                max += indicator.MaxPoints;
            }

            var score = max == 0 ? 0 : Math.Round(100 * points / max, 1);
            dimensions.Add(new DimensionScore(dimension.Code, dimension.Name, points, max, score, dimension.Weight, 0));
        }

        var totalWeight = dimensions.Sum(d => d.Weight);
        dimensions = dimensions.ConvertAll(d => d with { Contribution = totalWeight == 0 ? 0 : Math.Round(d.Score * d.Weight / totalWeight, 2) });
        var overall = Math.Round(dimensions.Sum(d => d.Contribution), 1);

        var types = new List<string>();
        foreach (var rule in instrument.DifficultyTypes)
        {
            var counted = indicators.Where(i => rule.Indicators.Count > 0 ? rule.Indicators.Contains(i.Code) : i.Dimension == rule.Dimension).ToList();
            var max = counted.Sum(i => i.MaxPoints);
            var share = max == 0 ? 0 : counted.Sum(i => i.Points) / max;
            if (share >= rule.MinShare && max > 0)
            {
                types.Add(rule.Code);
                needs.UnionWith(rule.NeedCodes);
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"“{rule.Name}”：相关指标得分占满分的{share:P0}，达到{rule.MinShare:P0}。"));
            }
        }

        var threshold = instrument.Degrees.Where(t => overall >= t.MinScore).MaxBy(t => t.MinScore) ?? instrument.Degrees.MinBy(t => t.MinScore)!;
        var degree = threshold.Degree;
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"综合得分{overall}，达到“{degree.ChineseName()}”的阈值{threshold.MinScore}。"));
        foreach (var escalation in instrument.Escalations.Where(e => e.To > degree).OrderByDescending(e => e.To))
        {
            if (escalation.DifficultyType is { } type && types.Contains(type))
            {
                degree = escalation.To;
                reasons.Add($"存在“{instrument.DifficultyTypes.First(t => t.Code == type).Name}”，困境程度提升为“{degree.ChineseName()}”。");
                break;
            }

            if (escalation.AnyDimensionAtLeast is { } floor && dimensions.Where(d => d.Weight > 0).FirstOrDefault(d => d.Score >= floor) is { } high)
            {
                degree = escalation.To;
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"“{high.Name}”维度得分{high.Score}≥{floor}，困境程度提升为“{degree.ChineseName()}”。"));
                break;
            }
        }

        return new AssessmentResult(instrument.Version, overall, degree, types, [.. needs], dimensions, indicators, reasons);
    }

    /// <summary>When the household must be assessed again, from the degree.</summary>
    public static DateOnly ReassessmentDue(Instrument instrument, DifficultyDegree degree, DateOnly assessedOn) =>
        assessedOn.AddMonths(instrument.ReassessmentMonths.TryGetValue(degree, out var months) ? months : 12);
}
