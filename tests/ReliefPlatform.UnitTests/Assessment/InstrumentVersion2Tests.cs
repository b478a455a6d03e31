using ReliefPlatform.Assessment.Domain.Assessments;
using ReliefPlatform.Catalogue.Domain.Vocabulary;

namespace ReliefPlatform.UnitTests.Assessment;

/// <summary>Version 2 of the shipped instrument: 教育, 居住 and 就业 yield their difficulty types and needs; the questions stay those of version 1.</summary>
public sealed class InstrumentVersion2Tests
{
    private static readonly Instrument Version1 = InstrumentJson.Shipped()[0];
    private static readonly Instrument Version2 = InstrumentJson.Shipped()[1];

    private static Dictionary<string, IReadOnlyList<string>> Answers(params (string Indicator, string[] Options)[] overrides)
    {
        var answers = Version2.Indicators.Where(i => !i.Multiple).ToDictionary(i => i.Code, i => (IReadOnlyList<string>)[i.Options[0].Code]);
        foreach (var (indicator, options) in overrides)
        {
            answers[indicator] = options;
        }

        return answers;
    }

    [Fact]
    public void Version_2_asks_the_same_questions_with_the_same_points_so_scores_and_degrees_do_not_move()
    {
        Assert.Equal((1, 2), (Version1.Version, Version2.Version));
        Assert.Empty(InstrumentRules.Check(Version2));
        Assert.Equal(
            Version1.Indicators.Select(i => (i.Code, string.Join(',', i.Options.Select(o => $"{o.Code}={o.Points}")))),
            Version2.Indicators.Select(i => (i.Code, string.Join(',', i.Options.Select(o => $"{o.Code}={o.Points}")))));
        Assert.Equal(Version1.Dimensions.Select(d => (d.Code, d.Weight)), Version2.Dimensions.Select(d => (d.Code, d.Weight)));
        Assert.Equal(Version1.Degrees, Version2.Degrees);

        var answers = Answers(("school-attendance", ["out-of-school"]), ("housing-safety", ["unsafe"]), ("employment-status", ["unemployed"]));
        var before = AssessmentScorer.Score(Version1, answers);
        var after = AssessmentScorer.Score(Version2, answers);
        Assert.Equal((before.Score, before.Degree), (after.Score, after.Degree));
        // Version 1 still knows nothing of these types: a result scored by it keeps what it had.
        Assert.Empty(before.DifficultyTypes);
        Assert.Equal(["education-difficulty", "employment-difficulty", "housing-difficulty"], after.DifficultyTypes.Order());
    }

    [Theory]
    // 教育: school attendance (max 4) and education burden (max 3); the type applies at 40 % of 7 points, i.e. from 2.8.
    [InlineData("school-attendance", "out-of-school", "education-burden", "none", true)]     // 4 of 7
    [InlineData("school-attendance", "at-risk", "education-burden", "moderate", true)]       // 3 of 7
    [InlineData("school-attendance", "attending", "education-burden", "heavy", true)]        // 3 of 7
    [InlineData("school-attendance", "at-risk", "education-burden", "none", false)]          // 2 of 7
    public void An_education_difficulty_is_forty_percent_of_the_education_dimension(string a, string aOption, string b, string bOption, bool applies)
    {
        var result = AssessmentScorer.Score(Version2, Answers((a, [aOption]), (b, [bOption])));

        Assert.Equal(applies, result.DifficultyTypes.Contains("education-difficulty"));
        Assert.Equal(applies || aOption is "at-risk" or "out-of-school", result.NeedCodes.Contains("education-support"));
    }

    [Fact]
    public void An_unsafe_home_is_a_housing_difficulty_needing_renovation_but_a_fair_one_lacking_facilities_is_not()
    {
        var unsafeHome = AssessmentScorer.Score(Version2, Answers(("housing-safety", ["unsafe"])));
        var fairHome = AssessmentScorer.Score(Version2, Answers(("housing-safety", ["fair"]), ("home-facilities", ["lacking"])));

        Assert.Equal(["housing-difficulty"], unsafeHome.DifficultyTypes);
        Assert.Equal(["housing-renovation"], unsafeHome.NeedCodes);
        Assert.Empty(fairHome.DifficultyTypes);
        Assert.Equal(["home-adaptation"], fairHome.NeedCodes);
    }

    [Fact]
    public void Unemployment_with_capacity_to_work_is_an_employment_difficulty_but_having_no_capacity_is_not()
    {
        var unemployed = AssessmentScorer.Score(Version2, Answers(("employment-status", ["unemployed"])));
        var unstable = AssessmentScorer.Score(Version2, Answers(("employment-status", ["unstable"]), ("labour-capacity", ["partial"])));
        var unable = AssessmentScorer.Score(Version2, Answers(("labour-capacity", ["none"]), ("employment-status", ["not-applicable"])));

        Assert.Equal(["employment-difficulty"], unemployed.DifficultyTypes);
        Assert.Equal(["employment-support", "skills-training"], unemployed.NeedCodes.Order());
        Assert.Empty(unstable.DifficultyTypes);
        Assert.Empty(unable.DifficultyTypes);
        Assert.Empty(unable.NeedCodes);
    }

    [Fact]
    public void Frequent_medical_care_states_a_medical_need_without_a_new_type()
    {
        var result = AssessmentScorer.Score(Version2, Answers(("chronic-illness", ["frequent"])));

        Assert.Equal(["medical-support"], result.NeedCodes);
        Assert.Empty(result.DifficultyTypes);
    }

    [Fact]
    public void Every_type_and_need_a_shipped_version_yields_is_in_the_catalogues_vocabulary_so_matching_accepts_it()
    {
        var vocabulary = SeedVocabulary.Codes().ToList();
        foreach (var instrument in InstrumentJson.Shipped())
        {
            var types = instrument.DifficultyTypes.Select(t => t.Code);
            var needs = instrument.DifficultyTypes.SelectMany(t => t.NeedCodes)
                .Concat(instrument.Indicators.SelectMany(i => i.Options).SelectMany(o => o.NeedCodes)).Distinct();
            Assert.All(types, t => Assert.Contains(vocabulary, v => v.Kind == VocabularyKinds.DifficultyType && v.Code == t));
            Assert.All(needs, n => Assert.Contains(vocabulary, v => v.Kind == VocabularyKinds.Need && v.Code == n));
        }

        Assert.Equal("教育困难", vocabulary.Single(v => v.Kind == VocabularyKinds.DifficultyType && v.Code == "education-difficulty").NameZh);
    }
}
