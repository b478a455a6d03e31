using ReliefPlatform.Assessment.Apis;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.UnitTests.Assessment;

public sealed class RegisterHouseholdValidatorTests
{
    private static readonly CountyOptions County = new()
    {
        Code = "341525",
        Name = "霍山县",
        Townships =
        [
            new Township { Code = "341525100", Name = "衡山镇", Slug = "hengshan" },
            new Township { Code = "341525101", Name = "佛子岭镇", Slug = "foziling" },
        ],
    };

    [Theory]
    [InlineData("低保", HouseholdCategory.MinimumLivingGuarantee)]
    [InlineData("特困供养", HouseholdCategory.DestituteSupport)]
    [InlineData("防返贫监测对象", HouseholdCategory.PovertyRelapseMonitoring)]
    [InlineData("MarginalLowIncome", HouseholdCategory.MarginalLowIncome)]
    public void A_complete_registration_is_accepted_with_the_category_in_Chinese_or_as_a_code(string category, HouseholdCategory expected)
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525100201", category, 3), County, out var parsed);

        Assert.Empty(errors);
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void A_township_outside_the_county_is_refused_in_Chinese()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("340100001", "340100001001", "低保", 2), County, out _);

        Assert.Equal(["乡镇代码“340100001”不是霍山县的乡镇。"], errors["townshipCode"]);
    }

    [Fact]
    public void A_village_of_another_township_is_refused()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525101201", "低保", 2), County, out _);

        Assert.Equal(["村（社区）代码不属于衡山镇。"], errors["villageCode"]);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once_not_only_the_first()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest(null, "12ab", "富裕户", 0), County, out _);

        Assert.Equal(["category", "memberCount", "townshipCode", "villageCode"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(RegisterHouseholdValidator.MaxMembers + 1)]
    public void An_impossible_member_count_is_refused(int members)
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525100201", "低保", members), County, out _);

        Assert.Contains("memberCount", errors.Keys);
    }

    [Fact]
    public void A_household_cannot_be_registered_in_a_village_outside_its_township()
    {
        Assert.Throws<ArgumentException>(() =>
            Household.Register("341525100", "341525101201", HouseholdCategory.OtherHardship, 1, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_new_household_is_active()
    {
        var household = Household.Register("341525100", "341525100201", HouseholdCategory.OtherHardship, 1, DateTimeOffset.UtcNow);

        Assert.Equal(HouseholdStatus.Active, household.Status);
    }
}
