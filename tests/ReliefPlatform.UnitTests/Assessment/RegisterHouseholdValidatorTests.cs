using ReliefPlatform.Assessment.Apis;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Security.PersonalData;
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
            new ServiceDefaults.County.Township
            {
                Code = "341525100", Name = "衡山镇", Slug = "hengshan", Villages = [new Village { Code = "341525100201", Name = "衡山一村" }],
            },
            new ServiceDefaults.County.Township
            {
                Code = "341525101", Name = "佛子岭镇", Slug = "foziling", Villages = [new Village { Code = "341525101201", Name = "佛子岭一村" }],
            },
        ],
    };

    private static readonly DateOnly Today = new(2026, 11, 28);

    private static readonly string Grandfather = IdNumber.Compose("341525", new DateOnly(1950, 3, 1), 11);
    private static readonly string Grandson = IdNumber.Compose("341525", new DateOnly(2016, 9, 12), 13);

    [Fact]
    public void Members_are_checked_field_by_field_with_their_position_in_the_list()
    {
        var wrongCheck = Grandfather[..17] + (Grandfather[17] == '1' ? '2' : '1');
        var request = new RegisterHouseholdRequest("341525100", "341525100201", "低保", null, Members:
        [
            new MemberRequest("张三", wrongCheck, "户主"),
            new MemberRequest("", Grandson, "孙子", DisabilityType: "肢体"),
        ]);

        var errors = RegisterHouseholdValidator.Validate(request, County, Today, out _, out var members);

        Assert.Equal(["公民身份号码校验码不正确，请核对。"], errors["members[0].idNumber"]);
        Assert.Equal(["请填写姓名。"], errors["members[1].name"]);
        Assert.Equal(["未成年人须填写是否有有效监护人。"], errors["members[1].hasEffectiveGuardian"]);
        Assert.Contains("members[1].relationship", errors.Keys);
        Assert.Equal(["残疾类别和残疾等级须同时填写。"], errors["members[1].disabilityGrade"]);
        Assert.Empty(members);
    }

    [Fact]
    public void A_valid_household_takes_its_size_ages_and_guardianship_from_the_members()
    {
        var request = new RegisterHouseholdRequest("341525100", "341525100201", "特困供养", null, Members:
        [
            new MemberRequest("张三", Grandfather, "户主", DisabilityType: "肢体残疾", DisabilityGrade: 2, LivingAlone: false),
            new MemberRequest("张小明", Grandson, "孙子女", HasEffectiveGuardian: false),
        ]);

        var errors = RegisterHouseholdValidator.Validate(request, County, Today, out _, out var members);

        Assert.Empty(errors);
        Assert.Equal(2, members.Count);
        Assert.Equal(DisabilityType.Physical, members[0].Facts.DisabilityType);
        Assert.Null(members[0].Facts.HasEffectiveGuardian);
        Assert.False(members[1].Facts.HasEffectiveGuardian);
        Assert.Equal(10, members[1].IdNumber.AgeOn(Today));
    }

    [Fact]
    public void The_same_person_twice_in_one_household_and_a_stated_size_that_disagrees_are_refused()
    {
        var request = new RegisterHouseholdRequest("341525100", "341525100201", "低保", 3, Members:
        [
            new MemberRequest("张三", Grandfather, "户主"),
            new MemberRequest("张三", Grandfather.ToLowerInvariant(), "其他"),
        ]);

        var errors = RegisterHouseholdValidator.Validate(request, County, Today, out _, out _);

        Assert.Equal(["家庭人口数（3）与登记的成员人数（2）不一致。"], errors["memberCount"]);
        Assert.Equal(["同一居民在本户中登记了两次。"], errors["members[1].idNumber"]);
    }

    [Fact]
    public void An_age_beyond_120_is_impossible()
    {
        var ancient = IdNumber.Compose("341525", new DateOnly(1901, 1, 1), 1);
        var request = new RegisterHouseholdRequest("341525100", "341525100201", "低保", null, Members: [new MemberRequest("李四", ancient, "户主")]);

        var errors = RegisterHouseholdValidator.Validate(request, County, Today, out _, out _);

        Assert.Equal(["按身份证号计算年龄超过120岁，请核对。"], errors["members[0].idNumber"]);
    }

    [Fact]
    public void A_name_is_masked_to_its_first_character()
    {
        Assert.Equal("张*", PersonName.Mask("张三"));
        Assert.Equal("欧***", PersonName.Mask(" 欧阳小明 "));
        Assert.Equal("姓名只能包含文字、字母和间隔号（·）。", PersonName.Problem("张3"));
        Assert.Null(PersonName.Problem("阿卜杜·热合曼"));
    }

    [Theory]
    [InlineData("低保", HouseholdCategory.MinimumLivingGuarantee)]
    [InlineData("特困供养", HouseholdCategory.DestituteSupport)]
    [InlineData("防返贫监测对象", HouseholdCategory.PovertyRelapseMonitoring)]
    [InlineData("MarginalLowIncome", HouseholdCategory.MarginalLowIncome)]
    public void A_complete_registration_is_accepted_with_the_category_in_Chinese_or_as_a_code(string category, HouseholdCategory expected)
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525100201", category, 3), County, Today, out var parsed, out _);

        Assert.Empty(errors);
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void A_township_outside_the_county_is_refused_in_Chinese()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("340100001", "340100001001", "低保", 2), County, Today, out _, out _);

        Assert.Equal(["乡镇代码“340100001”不是霍山县的乡镇。"], errors["townshipCode"]);
    }

    [Fact]
    public void A_village_of_another_township_is_refused()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525101201", "低保", 2), County, Today, out _, out _);

        Assert.Equal(["村（社区）代码不属于衡山镇。"], errors["villageCode"]);
    }

    [Fact]
    public void A_village_the_county_does_not_list_for_the_township_is_refused()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525100299", "低保", 2), County, Today, out _, out _);

        Assert.Equal(["村（社区）代码“341525100299”不是衡山镇的村（社区）。"], errors["villageCode"]);
    }

    [Fact]
    public void A_listed_village_of_the_township_is_accepted()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525100201", "低保", 2), County, Today, out _, out _);

        Assert.Empty(errors);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once_not_only_the_first()
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest(null, "12ab", "富裕户", 0), County, Today, out _, out _);

        Assert.Equal(["category", "memberCount", "townshipCode", "villageCode"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(RegisterHouseholdValidator.MaxMembers + 1)]
    public void An_impossible_member_count_is_refused(int members)
    {
        var errors = RegisterHouseholdValidator.Validate(new RegisterHouseholdRequest("341525100", "341525100201", "低保", members), County, Today, out _, out _);

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
