namespace ReliefPlatform.Assessment.Domain.Assessments;

/// <summary>What a new instrument version must satisfy before it can be published (zh-CN messages by field).</summary>
public static class InstrumentRules
{
    public static Dictionary<string, string[]> Check(Instrument instrument)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string key, string message) => errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];

        if (string.IsNullOrWhiteSpace(instrument.Name))
        {
            Add("name", "请填写量表名称。");
        }

        if (instrument.Dimensions.Count == 0)
        {
            Add("dimensions", "量表至少要有一个维度。");
        }

        var indicatorCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < instrument.Dimensions.Count; d++)
        {
            var dimension = instrument.Dimensions[d];
            if (dimension.Weight < 0)
            {
                Add($"dimensions[{d}].weight", "维度权重不能为负数。");
            }

            if (instrument.Dimensions.Count(x => x.Code == dimension.Code) > 1)
            {
                Add($"dimensions[{d}].code", $"维度代码“{dimension.Code}”重复。");
            }

            for (var i = 0; i < dimension.Indicators.Count; i++)
            {
                var indicator = dimension.Indicators[i];
                var key = $"dimensions[{d}].indicators[{i}]";
                if (!indicatorCodes.Add(indicator.Code))
                {
                    Add(key + ".code", $"指标代码“{indicator.Code}”重复。");
                }

                if (indicator.Options.Count < (indicator.Multiple ? 1 : 2))
                {
                    Add(key + ".options", $"指标“{indicator.Name}”的选项太少。");
                }
                else if (indicator.Options.Select(o => o.Code).Distinct(StringComparer.Ordinal).Count() != indicator.Options.Count)
                {
                    Add(key + ".options", $"指标“{indicator.Name}”的选项代码重复。");
                }

                if (indicator.Options.Any(o => o.Points < 0))
                {
                    Add(key + ".options", $"指标“{indicator.Name}”的分值不能为负数。");
                }
            }
        }

        if (instrument.Dimensions.Sum(d => d.Weight) <= 0)
        {
            Add("dimensions", "至少一个维度的权重须大于0。");
        }

        if (instrument.Degrees.Select(t => t.Degree).Distinct().Count() != instrument.Degrees.Count || instrument.Degrees.All(t => t.MinScore != 0))
        {
            Add("degrees", "每个困境程度只能设一个阈值，且须有一个程度的阈值为0。");
        }

        for (var t = 0; t < instrument.DifficultyTypes.Count; t++)
        {
            var rule = instrument.DifficultyTypes[t];
            var knownDimension = rule.Dimension is not null && instrument.Dimensions.Any(d => d.Code == rule.Dimension);
            if (rule.Indicators.Count == 0 ? !knownDimension : rule.Indicators.Any(c => !indicatorCodes.Contains(c)))
            {
                Add($"difficultyTypes[{t}]", $"困境类型“{rule.Name}”引用了不存在的维度或指标。");
            }

            if (rule.MinShare is <= 0 or > 1)
            {
                Add($"difficultyTypes[{t}].minShare", "困境类型的触发比例应在0到1之间（不含0）。");
            }
        }

        if (instrument.Degrees.Any(t => !instrument.ReassessmentMonths.TryGetValue(t.Degree, out var months) || months is < 1 or > 36))
        {
            Add("reassessmentMonths", "每个困境程度都须设复评间隔（1到36个月）。");
        }

        return errors;
    }
}
