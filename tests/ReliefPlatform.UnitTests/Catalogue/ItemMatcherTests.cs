using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Matching;
using static ReliefPlatform.UnitTests.Catalogue.CatalogueFixtures;

namespace ReliefPlatform.UnitTests.Catalogue;

public sealed class ItemMatcherTests
{
    public static TheoryData<string> SeededCodes() => [.. Seeded.Select(i => i.Code)];

    [Theory]
    [MemberData(nameof(SeededCodes))]
    public void Every_shipped_item_matches_a_household_that_fits_its_scope_at_its_own_standard(string code)
    {
        var item = Item(code);

        var match = Matcher.Match(Fitting(item.Scope), item);

        Assert.True(match.Eligible, string.Join(" ", match.Reasons.Select(r => r.Explanation)));
        Assert.Equal(item.Standard, match.Standard);
        Assert.All(match.Reasons, r => Assert.True(r.Met));
    }

    [Theory]
    [MemberData(nameof(SeededCodes))]
    public void Every_shipped_item_refuses_a_household_missing_its_first_condition_and_says_which(string code)
    {
        var item = Item(code);
        var fitting = Fitting(item.Scope);
        var (missing, rule) = item.Scope switch
        {
            { NeedCodes.Count: > 0 } => (fitting with { NeedCodes = ["legal-aid" == item.Scope.NeedCodes[0] ? "cleaning" : "legal-aid"] }, "need"),
            { DifficultyTypes.Count: > 0 } => (fitting with { DifficultyTypes = ["economic"] }, "difficulty-type"),
            _ => (fitting with { Category = "OtherHardship" }, "category"),
        };

        var match = Matcher.Match(missing, item);

        Assert.False(match.Eligible);
        Assert.Null(match.Standard);
        var reason = Assert.Single(match.Reasons, r => !r.Met);
        Assert.Equal(rule, reason.Rule);
        Assert.StartsWith("本项限", reason.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_term_care_insurance_lowers_daily_care_to_once_a_week_and_says_so()
    {
        var care = Item("daily-care");
        var profile = Fitting(care.Scope) with { Policies = ["long-term-care-insurance"] };

        var match = Matcher.Match(profile, care);

        Assert.True(match.Eligible);
        Assert.Equal(new ServiceFrequency { Times = 1, Per = ServicePeriod.Week }, match.Standard!.Frequency);
        Assert.Equal(care.Standard.MinutesPerSession, match.Standard.MinutesPerSession);
        var reason = Assert.Single(match.Reasons, r => r.Rule == "overlap:long-term-care-insurance");
        Assert.Contains("由每周3次降为每周1次", reason.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_destitute_care_fee_excludes_daily_care_even_when_everything_else_fits()
    {
        var care = Item("daily-care");
        var profile = Fitting(care.Scope) with { Policies = ["destitute-care-fee", "long-term-care-insurance"] };

        var match = Matcher.Match(profile, care);

        Assert.False(match.Eligible);
        var excluded = Assert.Single(match.Reasons, r => !r.Met);
        Assert.Equal("overlap:destitute-care-fee", excluded.Rule);
        Assert.Contains("不予重复安排", excluded.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allowed_overlap_keeps_the_item_with_the_note_for_staff()
    {
        var rehab = Item("rehabilitation-nursing");
        var match = Matcher.Match(Fitting(rehab.Scope) with { Policies = ["medical-assistance"] }, rehab);

        Assert.True(match.Eligible);
        Assert.Equal(rehab.Standard, match.Standard);
        Assert.Contains("医疗救助只报销医疗费用", Assert.Single(match.Reasons, r => r.Rule == "overlap:medical-assistance").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_the_item_does_not_overlap_with_changes_nothing()
    {
        var meal = Item("meal-assistance");
        var match = Matcher.Match(Fitting(meal.Scope) with { Policies = ["old-age-allowance"] }, meal);

        Assert.True(match.Eligible);
        Assert.DoesNotContain(match.Reasons, r => r.Rule.StartsWith("overlap:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("General", false)]
    [InlineData("Serious", true)]
    [InlineData("Severe", true)]
    [InlineData(null, false)]
    public void A_minimum_degree_is_met_by_that_degree_or_worse(string? degree, bool eligible)
    {
        var care = Item("daily-care");
        Assert.Equal(eligible, Matcher.Match(Fitting(care.Scope) with { Degree = degree }, care).Eligible);
    }

    [Fact]
    public void Member_conditions_must_hold_for_one_and_the_same_member()
    {
        var monitoring = Item("safety-monitoring");
        var split = Fitting(monitoring.Scope) with
        {
            Members = [new MemberProfile { Age = 82, LivingAlone = false }, new MemberProfile { Age = 40, LivingAlone = true }],
        };
        var together = split with { Members = [.. split.Members, new MemberProfile { Age = 75, LivingAlone = true }] };

        var refused = Matcher.Match(split, monitoring);
        Assert.False(refused.Eligible);
        Assert.Equal("本项限70岁及以上、独居的成员，该家庭没有符合的成员。", Assert.Single(refused.Reasons, r => !r.Met).Explanation);
        var matched = Matcher.Match(together, monitoring);
        Assert.True(matched.Eligible);
        Assert.Contains("（75岁）", Assert.Single(matched.Reasons, r => r.Rule == "member").Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17, true)]
    [InlineData(18, false)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void Age_bounds_are_inclusive(int age, bool eligible)
    {
        var study = Item("study-support");
        Assert.Equal(eligible, Matcher.Match(Fitting(study.Scope) with { Members = [new MemberProfile { Age = age }] }, study).Eligible);
    }

    [Fact]
    public void A_disability_grade_qualifies_at_the_limit_or_more_severe()
    {
        var guidance = Item("disability-rehab-guidance") with { };
        var graded = guidance with { Scope = guidance.Scope with { MaxDisabilityGrade = 2 } };
        var profile = Fitting(graded.Scope);

        Assert.True(Matcher.Match(profile with { Members = [profile.Members[0] with { DisabilityGrade = 2 }] }, graded).Eligible);
        Assert.False(Matcher.Match(profile with { Members = [profile.Members[0] with { DisabilityGrade = 3 }] }, graded).Eligible);
        Assert.False(Matcher.Match(profile with { Members = [profile.Members[0] with { DisabilityType = null, DisabilityGrade = null }] }, guidance).Eligible);
    }

    [Fact]
    public void An_item_offered_in_some_townships_matches_only_households_there()
    {
        var meal = Item("meal-assistance") with { Townships = [Foziling] };
        var profile = Fitting(meal.Scope);

        var elsewhere = Matcher.Match(profile, meal);
        Assert.False(elsewhere.Eligible);
        Assert.Equal("仅在佛子岭镇提供，家庭所在乡镇未提供。", Assert.Single(elsewhere.Reasons, r => !r.Met).Explanation);
        Assert.True(Matcher.Match(profile with { TownshipCode = Foziling }, meal).Eligible);
    }

    [Fact]
    public void Matching_a_whole_catalogue_lists_eligible_items_first_and_explains_every_item()
    {
        var profile = new HouseholdProfile
        {
            TownshipCode = Hengshan,
            Category = "DestituteSupport",
            Degree = "Severe",
            DifficultyTypes = ["disability-care", "self-care"],
            NeedCodes = ["care", "rehabilitation", "meal-assistance", "cleaning"],
            Members = [new MemberProfile { Age = 78, LivingAlone = true }],
            Policies = ["destitute-care-fee"],
        };

        var matches = Matcher.Match(profile, Seeded);

        Assert.Equal(Seeded.Count, matches.Count);
        var eligible = matches.TakeWhile(m => m.Eligible).Select(m => m.Code).ToHashSet();
        Assert.All(matches.SkipWhile(m => m.Eligible), m => Assert.False(m.Eligible));
        Assert.Superset(new HashSet<string>(["rehabilitation-nursing", "meal-assistance", "respite-care", "health-monitoring", "safety-monitoring"]), eligible);
        Assert.DoesNotContain("daily-care", eligible);
        Assert.DoesNotContain("cleaning", eligible);
        Assert.All(matches, m => Assert.NotEmpty(m.Reasons));
    }

    [Fact]
    public void The_womens_federations_item_goes_to_a_household_with_a_woman_and_not_to_a_household_of_men()
    {
        var women = Item("women-care");
        var fitting = Fitting(women.Scope);
        var men = fitting with { Members = [new MemberProfile { Age = 45, Sex = "Male" }, new MemberProfile { Age = 19, Sex = "Male" }] };
        var withAWoman = men with { Members = [.. men.Members, new MemberProfile { Age = 43, Sex = "Female" }] };
        // A girl is not enough: the woman must also be of age (one and the same member).
        var withAGirl = men with { Members = [.. men.Members, new MemberProfile { Age = 12, Sex = "Female" }] };

        var matched = Matcher.Match(withAWoman, women);
        Assert.True(matched.Eligible);
        Assert.Equal("家中有女性、18岁及以上的成员（43岁）。", Assert.Single(matched.Reasons, r => r.Rule == "member").Explanation);
        var refused = Matcher.Match(men, women);
        Assert.False(refused.Eligible);
        Assert.Equal("本项限女性、18岁及以上的成员，该家庭没有符合的成员。", Assert.Single(refused.Reasons, r => !r.Met).Explanation);
        Assert.False(Matcher.Match(withAGirl, women).Eligible);
    }

    [Theory]
    [InlineData("Unemployed", true)]
    [InlineData("FlexiblyEmployed", true)]
    [InlineData("Employed", false)]
    [InlineData("Retired", false)]
    [InlineData(null, false)]
    public void The_trade_unions_item_goes_to_a_working_age_member_out_of_work_or_flexibly_employed(string? status, bool eligible)
    {
        var workers = Item("worker-assistance");
        var profile = Fitting(workers.Scope) with { Members = [new MemberProfile { Age = 48, Sex = "Male", EmploymentStatus = status }] };

        var match = Matcher.Match(profile, workers);

        Assert.Equal(eligible, match.Eligible);
        Assert.Equal(eligible
            ? "家中有16–60岁、就业状况为失业或灵活就业的成员（48岁）。"
            : "本项限16–60岁、就业状况为失业或灵活就业的成员，该家庭没有符合的成员。", Assert.Single(match.Reasons, r => r.Rule == "member").Explanation);
    }

    [Fact]
    public void An_unemployed_member_past_working_age_does_not_qualify_for_the_trade_unions_item()
    {
        var workers = Item("worker-assistance");
        var profile = Fitting(workers.Scope) with
        {
            Members = [new MemberProfile { Age = 66, EmploymentStatus = "Unemployed" }, new MemberProfile { Age = 35, EmploymentStatus = "Employed" }],
        };

        Assert.False(Matcher.Match(profile, workers).Eligible);
    }
}
