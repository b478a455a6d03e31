using ReliefPlatform.Catalogue.Domain.Items;
using static ReliefPlatform.UnitTests.Catalogue.CatalogueFixtures;

namespace ReliefPlatform.UnitTests.Catalogue;

public sealed class ItemRulesTests
{
    public static TheoryData<string> SeededCodes() => [.. Seeded.Select(i => i.Code)];

    private static ItemDefinition Meal => Item("meal-assistance");

    [Fact]
    public void The_shipped_catalogue_has_about_two_dozen_items_in_all_three_classes_with_unique_codes()
    {
        Assert.InRange(Seeded.Count, 20, 30);
        Assert.Equal(["care", "concern", "living"], Seeded.Select(i => i.ClassCode).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Seeded.Count, Seeded.Select(i => i.Code).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(SeededCodes))]
    public void Every_shipped_item_satisfies_the_rules(string code)
    {
        Assert.Empty(ItemRules.Check(Item(code), Rules));
    }

    [Fact]
    public void A_rule_naming_an_unknown_need_code_is_refused_at_that_field()
    {
        var item = Meal with { Scope = Meal.Scope with { NeedCodes = ["meal-assistance", "meals-on-wheels"] } };

        var errors = ItemRules.Check(item, Rules);

        Assert.Equal("服务需求“meals-on-wheels”不存在。", Assert.Single(errors["scope.needCodes[1]"]));
    }

    [Fact]
    public void Unknown_categories_policies_provider_kinds_funding_sources_and_townships_are_each_named()
    {
        var item = Meal with
        {
            Scope = Meal.Scope with { Categories = ["Dibao"] },
            ProviderKinds = ["company"],
            FundingSources = ["lottery"],
            Townships = ["341525999"],
            Overlaps = [new OverlapRule { PolicyCode = "pension", Effect = OverlapEffect.Exclude }],
        };

        var errors = ItemRules.Check(item, Rules);

        Assert.Contains("scope.categories[0]", errors.Keys);
        Assert.Contains("providerKinds[0]", errors.Keys);
        Assert.Contains("fundingSources[0]", errors.Keys);
        Assert.Contains("townships[0]", errors.Keys);
        Assert.Contains("overlaps[0].policyCode", errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_standard_with_zero_or_negative_frequency_is_refused(int times)
    {
        var item = Meal with { Standard = Meal.Standard with { Frequency = new ServiceFrequency { Times = times, Per = ServicePeriod.Week } } };

        Assert.Equal("服务频次必须大于 0。", Assert.Single(ItemRules.Check(item, Rules)["standard.frequency.times"]));
    }

    [Fact]
    public void A_regular_service_needs_a_minimum_session_length_but_a_one_off_does_not()
    {
        var timed = Meal with { Standard = Meal.Standard with { MinutesPerSession = 0 } };
        Assert.Contains("standard.minutesPerSession", ItemRules.Check(timed, Rules).Keys);
        Assert.Equal(0, Item("home-adaptation").Standard.MinutesPerSession);
    }

    [Fact]
    public void A_reduced_frequency_must_be_lower_than_the_standard()
    {
        var care = Item("daily-care");
        var higher = care with
        {
            Overlaps = [new OverlapRule
            {
                PolicyCode = "long-term-care-insurance", Effect = OverlapEffect.ReduceFrequency,
                ReducedFrequency = new ServiceFrequency { Times = 20, Per = ServicePeriod.Month },
            }],
        };

        Assert.Contains("overlaps[0].reducedFrequency", ItemRules.Check(higher, Rules).Keys);
    }

    [Fact]
    public void Allowing_despite_an_overlap_needs_a_note_and_a_policy_is_listed_once()
    {
        var allowed = new OverlapRule { PolicyCode = "medical-assistance", Effect = OverlapEffect.AllowWithNote };
        var item = Meal with { Overlaps = [allowed, allowed with { Note = "说明" }] };

        var errors = ItemRules.Check(item, Rules);

        Assert.Contains("overlaps[0].note", errors.Keys);
        Assert.Contains("overlaps[1].policyCode", errors.Keys);
    }

    [Theory]
    [InlineData(PricingKind.Priced, null, true)]
    [InlineData(PricingKind.Priced, "0", true)]
    [InlineData(PricingKind.Priced, "8.005", true)]
    [InlineData(PricingKind.Priced, "8.50", false)]
    [InlineData(PricingKind.Free, "8", true)]
    [InlineData(PricingKind.Volunteer, null, false)]
    public void Priced_items_need_a_price_in_fen_and_free_ones_must_not_have_one(PricingKind kind, string? price, bool refused)
    {
        var item = Meal with { Pricing = new ItemPricing { Kind = kind, Unit = "次", UnitPrice = price is null ? null : decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) } };

        Assert.Equal(refused, ItemRules.Check(item, Rules).ContainsKey("pricing.unitPrice"));
    }

    [Fact]
    public void Volunteer_items_count_volunteer_hours_and_priced_items_need_money()
    {
        var volunteer = Item("shopping") with { FundingSources = ["fiscal-budget"] };
        var priced = Meal with { FundingSources = ["volunteer-service"] };

        Assert.Contains("fundingSources", ItemRules.Check(volunteer, Rules).Keys);
        Assert.Contains("fundingSources", ItemRules.Check(priced, Rules).Keys);
    }

    [Fact]
    public void A_scope_that_restricts_nothing_is_refused_because_everyone_would_qualify()
    {
        var item = Meal with { Scope = new TargetScope { MinAge = 60 } };

        Assert.Contains("scope", ItemRules.Check(item, Rules).Keys);
    }

    [Fact]
    public void An_age_range_upside_down_and_a_grade_outside_one_to_four_are_refused()
    {
        var item = Meal with { Scope = Meal.Scope with { MinAge = 70, MaxAge = 60, MaxDisabilityGrade = 5 } };

        var errors = ItemRules.Check(item, Rules);

        Assert.Contains("scope.maxAge", errors.Keys);
        Assert.Contains("scope.maxDisabilityGrade", errors.Keys);
    }

    [Fact]
    public void A_sex_or_employment_status_the_vocabulary_does_not_know_is_refused_in_chinese()
    {
        var item = Meal with { Scope = Meal.Scope with { Sex = "Women", EmploymentStatuses = ["Unemployed", "Jobless"] } };

        var errors = ItemRules.Check(item, Rules);

        Assert.Equal(["性别“Women”不存在，应为 Female（女性）或 Male（男性）。"], errors["scope.sex"]);
        Assert.Equal(["就业状况“Jobless”不存在。"], errors["scope.employmentStatuses[1]"]);
        Assert.DoesNotContain("scope.employmentStatuses[0]", errors.Keys);
        Assert.Empty(ItemRules.Check(Meal with { Scope = Meal.Scope with { Sex = "Female", EmploymentStatuses = ["Unemployed"] } }, Rules));
    }

    [Fact]
    public void A_definition_with_missing_parts_reports_each_part_instead_of_failing()
    {
        var empty = new ItemDefinition { Scope = null!, Standard = null!, Pricing = null!, DeliveryModes = null!, ProviderKinds = null!, FundingSources = null! };

        var errors = ItemRules.Check(empty, Rules);

        Assert.Superset(new HashSet<string>(["code", "nameZh", "classCode", "scope", "standard", "pricing", "deliveryModes", "providerKinds", "fundingSources"]),
            errors.Keys.ToHashSet());
    }
}
