using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Domain.Households;

namespace ReliefPlatform.UnitTests.Assessment;

public sealed class DiscoveryRulesTests
{
    private static readonly DiscoveryOptions Options = new();

    private static PersonFacts Person(
        int age = 45, HouseholdCategory category = HouseholdCategory.MinimumLivingGuarantee, bool livingAlone = false, bool? guardian = null,
        decimal? income = 1000, decimal? medical = null, int? grade = null, params string[] signals) =>
        new(age, category, livingAlone, guardian, income, medical, grade, signals);

    [Fact]
    public void Nothing_fires_for_an_ordinary_person()
    {
        Assert.Empty(DiscoveryRules.Evaluate(Person(), null, Options));
    }

    [Theory]
    [InlineData(70, true, true)]
    [InlineData(69, true, false)]
    [InlineData(85, false, false)]
    public void A_person_of_seventy_or_more_living_alone_calls_for_a_visit(int age, bool alone, bool fires)
    {
        Assert.Equal(fires, DiscoveryRules.Evaluate(Person(age, livingAlone: alone), null, Options).Contains(DiscoveryRules.ElderlyAlone));
    }

    [Fact]
    public void A_minor_without_an_effective_guardian_fires_but_an_unknown_guardianship_does_not()
    {
        Assert.Contains(DiscoveryRules.MinorWithoutGuardian, DiscoveryRules.Evaluate(Person(12, guardian: false), null, Options));
        Assert.DoesNotContain(DiscoveryRules.MinorWithoutGuardian, DiscoveryRules.Evaluate(Person(12, guardian: null), null, Options));
        Assert.DoesNotContain(DiscoveryRules.MinorWithoutGuardian, DiscoveryRules.Evaluate(Person(19, guardian: false), null, Options));
    }

    [Theory]
    [InlineData(1000, 6000, true)]
    [InlineData(1000, 5999, false)]
    [InlineData(0, 100, true)]
    public void Medical_spending_of_half_a_years_income_is_a_medical_burden(decimal income, decimal medical, bool fires)
    {
        Assert.Equal(fires, DiscoveryRules.Evaluate(Person(income: income, medical: medical), null, Options).Contains(DiscoveryRules.MedicalBurden));
    }

    [Fact]
    public void Hospitalisation_reported_by_the_platform_is_a_medical_burden_whatever_the_amounts()
    {
        Assert.Contains(DiscoveryRules.MedicalBurden, DiscoveryRules.Evaluate(Person(signals: "hospitalised"), null, Options));
    }

    [Fact]
    public void Income_falling_below_the_line_fires_only_on_the_fall_not_for_someone_always_below_it()
    {
        Assert.Contains(DiscoveryRules.IncomeBelowLine, DiscoveryRules.Evaluate(Person(income: 500), Person(income: 900), Options));
        Assert.DoesNotContain(DiscoveryRules.IncomeBelowLine, DiscoveryRules.Evaluate(Person(income: 500), Person(income: 600), Options));
        Assert.DoesNotContain(DiscoveryRules.IncomeBelowLine, DiscoveryRules.Evaluate(Person(income: 500), null, Options));
    }

    [Fact]
    public void A_new_or_more_severe_disability_grade_fires_and_an_improvement_does_not()
    {
        Assert.Contains(DiscoveryRules.DisabilityWorsened, DiscoveryRules.Evaluate(Person(grade: 2), Person(grade: 3), Options));
        Assert.Contains(DiscoveryRules.DisabilityWorsened, DiscoveryRules.Evaluate(Person(grade: 4), Person(grade: null), Options));
        Assert.DoesNotContain(DiscoveryRules.DisabilityWorsened, DiscoveryRules.Evaluate(Person(grade: 3), Person(grade: 2), Options));
    }

    [Fact]
    public void A_category_change_fires_and_a_rule_the_county_switched_off_never_does()
    {
        var before = Person(category: HouseholdCategory.MarginalLowIncome);
        Assert.Contains(DiscoveryRules.CategoryChanged, DiscoveryRules.Evaluate(Person(), before, Options));

        var off = new DiscoveryOptions { Disabled = [DiscoveryRules.CategoryChanged] };
        Assert.DoesNotContain(DiscoveryRules.CategoryChanged, DiscoveryRules.Evaluate(Person(), before, off));
    }

    [Fact]
    public void Visits_for_minors_are_due_sooner_than_the_default()
    {
        Assert.Equal(3, DiscoveryRules.VisitDays(DiscoveryRules.MinorWithoutGuardian, Options));
        Assert.Equal(15, DiscoveryRules.VisitDays(DiscoveryRules.ElderlyAlone, Options));
    }
}
