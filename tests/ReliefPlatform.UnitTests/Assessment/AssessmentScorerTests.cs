using ReliefPlatform.Assessment.Domain.Assessments;

namespace ReliefPlatform.UnitTests.Assessment;

public sealed class AssessmentScorerTests
{
    private static readonly Instrument Default = InstrumentJson.Default();

    /// <summary>Every single-choice indicator answered with its first (no difficulty) option, then the given overrides.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Answers(params (string Indicator, string[] Options)[] overrides)
    {
        var answers = Default.Indicators.Where(i => !i.Multiple).ToDictionary(i => i.Code, i => (IReadOnlyList<string>)[i.Options[0].Code]);
        foreach (var (indicator, options) in overrides)
        {
            answers[indicator] = options;
        }

        return answers;
    }

    private static readonly string[] Dependent = ["dependent"];

    private static readonly string[] Adl = ["adl-eating", "adl-bathing", "adl-dressing", "adl-toileting", "adl-transfer", "adl-walking"];

    [Fact]
    public void The_default_instrument_has_the_eight_dimensions_of_the_plan()
    {
        Assert.Equal(["经济", "健康", "教育", "居住", "就业", "监护", "社会融入", "服务诉求"], Default.Dimensions.Select(d => d.Name));
        Assert.Equal(1, Default.Version);
        Assert.Contains(Default.Indicators, i => i.Source?.Contains("Barthel", StringComparison.Ordinal) == true);
        Assert.Contains(Default.Indicators, i => i.Source?.Contains("Washington", StringComparison.Ordinal) == true);
        Assert.Empty(AssessmentScorer.Check(Default, Answers()));
    }

    [Fact]
    public void A_household_without_difficulty_scores_zero_and_is_general_with_no_types()
    {
        var result = AssessmentScorer.Score(Default, Answers());

        Assert.Equal(0m, result.Score);
        Assert.Equal(DifficultyDegree.General, result.Degree);
        Assert.Empty(result.DifficultyTypes);
        Assert.Empty(result.NeedCodes);
        Assert.Equal(Default.Indicators.Count(), result.Indicators.Count);
    }

    [Fact]
    public void A_fully_dependent_person_is_a_disability_care_case_and_severe_whatever_the_overall_score()
    {
        var result = AssessmentScorer.Score(Default, Answers([.. Adl.Select(a => (a, Dependent))]));

        Assert.Contains("disability-care", result.DifficultyTypes);
        Assert.Contains("self-care", result.DifficultyTypes);
        Assert.Equal(["care", "cleaning", "meal-assistance", "rehabilitation"], result.NeedCodes);
        var health = Assert.Single(result.Dimensions, d => d.Code == "health");
        Assert.Equal(24m, health.Points);
        Assert.Equal(55.8m, health.Score);
        Assert.True(result.Score < 30m, "the overall score alone stays general");
        Assert.Equal(DifficultyDegree.Severe, result.Degree);
        Assert.Contains("存在“失能照护”，困境程度提升为“严重”。", result.Reasons);
    }

    [Fact]
    public void One_dimension_in_deep_difficulty_raises_a_general_score_to_serious()
    {
        var result = AssessmentScorer.Score(Default, Answers(("social-contact", ["isolated"]), ("psychological", ["needs-intervention"])));

        Assert.True(result.Score < 30m);
        Assert.Equal(DifficultyDegree.Serious, result.Degree);
        Assert.Contains(result.Reasons, r => r.StartsWith("“社会融入”维度得分100", StringComparison.Ordinal));
        Assert.Equal(["counselling"], result.NeedCodes);
    }

    [Fact]
    public void Difficulty_across_many_dimensions_is_severe_and_every_indicator_explains_its_points()
    {
        var result = AssessmentScorer.Score(Default, Answers(
            ("income-level", ["below-line"]), ("rigid-expenses", ["over-60"]), ("debt", ["heavy"]),
            ("adl-eating", ["needs-help"]), ("adl-bathing", ["dependent"]), ("adl-walking", ["dependent"]), ("chronic-illness", ["frequent"]),
            ("mental-state", ["moderate"]), ("housing-safety", ["unsafe"]), ("home-facilities", ["lacking"]),
            ("labour-capacity", ["none"]), ("employment-status", ["not-applicable"]),
            ("caregiver", ["none"]), ("living-alone", ["yes"]), ("social-contact", ["isolated"]), ("psychological", ["low"]),
            ("requested-services", ["meal", "bathing"])));

        Assert.Equal(DifficultyDegree.Severe, result.Degree);
        Assert.True(result.Score >= 55m);
        Assert.Equal(["economic", "guardianship-gap", "self-care", "social-integration"], result.DifficultyTypes.Order());
        Assert.Contains("bathing-assistance", result.NeedCodes);
        Assert.Contains("home-adaptation", result.NeedCodes);
        var bathing = Assert.Single(result.Indicators, i => i.Code == "adl-bathing");
        Assert.Equal((4m, 4m, "完全依赖他人"), (bathing.Points, bathing.MaxPoints, bathing.Labels.Single()));
        Assert.Equal(result.Score, Math.Round(result.Dimensions.Sum(d => d.Contribution), 1));
    }

    [Fact]
    public void A_threshold_is_inclusive_so_a_score_exactly_on_it_takes_the_higher_degree()
    {
        var instrument = Default with
        {
            Version = 7,
            Escalations = [],
            Degrees = [new(DifficultyDegree.General, 0), new(DifficultyDegree.Serious, 20), new(DifficultyDegree.Severe, 50)],
            Dimensions = [.. Default.Dimensions.Select(d => d.Code == "economy" ? d with { Weight = 1 } : d with { Weight = 0 })],
        };

        var result = AssessmentScorer.Score(instrument, Answers(("income-level", ["below-line"]), ("rigid-expenses", ["30-60"]), ("debt", ["none"])));

        Assert.Equal(54.5m, result.Score);
        Assert.Equal(DifficultyDegree.Severe, result.Degree);
        Assert.Equal(7, result.InstrumentVersion);
    }

    [Fact]
    public void Missing_unknown_and_doubled_answers_are_refused_per_indicator_in_Chinese()
    {
        var answers = Answers(("income-level", ["rich"]), ("debt", ["none", "some"]), ("no-such-indicator", ["x"]));
        answers.Remove("housing-safety");

        var errors = AssessmentScorer.Check(Default, answers);

        Assert.Equal(["请回答“住房安全”。"], errors["answers.housing-safety"]);
        Assert.StartsWith("“家庭人均月收入与低保标准相比”没有选项“rich”", errors["answers.income-level"][0], StringComparison.Ordinal);
        Assert.Equal(["“家庭负债”只能选择一项。"], errors["answers.debt"]);
        Assert.Equal(["第1版评估量表没有指标“no-such-indicator”。"], errors["answers.no-such-indicator"]);
        Assert.False(errors.ContainsKey("answers.requested-services"));
    }

    [Theory]
    [InlineData(DifficultyDegree.Severe, "2027-02-28")]
    [InlineData(DifficultyDegree.Serious, "2027-05-28")]
    [InlineData(DifficultyDegree.General, "2027-11-28")]
    public void Reassessment_is_due_by_degree_three_six_or_twelve_months_after_the_assessment(DifficultyDegree degree, string due)
    {
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), AssessmentScorer.ReassessmentDue(Default, degree, new DateOnly(2026, 11, 28)));
    }
}
