using ReliefPlatform.Provider.Apis;
using ReliefPlatform.Provider.Domain.Capabilities;
using ReliefPlatform.Provider.Domain.CatalogueItems;
using ReliefPlatform.Provider.Domain.Eligibility;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Domain.Qualifications;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.UnitTests.Provider;

public sealed class EligibilityAndCapabilityTests
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 28);
    private static readonly string[] CareWorker = [SeedQualifications.ElderlyCareWorker];

    private static readonly CountyOptions County = new()
    {
        Townships = [new ServiceDefaults.County.Township { Code = Hengshan, Name = "衡山镇", Slug = "hengshan" }, new ServiceDefaults.County.Township { Code = Foziling, Name = "佛子岭镇", Slug = "foziling" }],
    };

    private static readonly Dictionary<string, KnownCatalogueItem> Offerable = new()
    {
        ["daily-care"] = KnownCatalogueItem.Learn(1, new DateOnly(2026, 1, 1), "daily-care", "care", ["elderly-care-organisation", "social-work-organisation"], []),
        ["shopping"] = KnownCatalogueItem.Learn(1, new DateOnly(2026, 1, 1), "shopping", "living", ["volunteer-team"], [Hengshan]),
    };

    private static NetworkProvider Approved()
    {
        var provider = NetworkProvider.Apply("elderly-care-organisation", "霍山县颐养院", null, "91350100M000100Y43", null, null,
            new ProtectedContact("n", "p", "王*", "138****5678"), "a", Now);
        provider.Review("b", Now, null);
        provider.Approve("c", Now, null);
        return provider;
    }

    private static Qualification CareCertificate(Guid provider, DateOnly until) =>
        Qualification.Record(provider, SeedQualifications.ElderlyCareWorker, "enc", "34****21", new DateOnly(2024, 1, 1), until, Now);

    private static EligibilityResult Check(
        NetworkProvider provider, Capability? capability, IReadOnlyCollection<Qualification> qualifications, DateOnly? day = null, int openOrders = 0) =>
        ProviderEligibility.Check(provider, capability, openOrders, Hengshan, qualifications, CareWorker, _ => "养老护理员职业技能等级证书", day ?? Today);

    [Fact]
    public void An_approved_provider_offering_the_item_there_with_a_valid_certificate_is_eligible()
    {
        var provider = Approved();
        var result = Check(provider, Capability.Offer(provider.Id, "daily-care", [Hengshan], 20, CapacityPeriod.Week), [CareCertificate(provider.Id, Today.AddYears(1))]);

        Assert.True(result.Eligible);
        Assert.All(result.Reasons, r => Assert.True(r.Met));
    }

    [Fact]
    public void An_expired_required_certificate_makes_the_provider_ineligible_until_renewed()
    {
        var provider = Approved();
        var capability = Capability.Offer(provider.Id, "daily-care", [Hengshan], 20, CapacityPeriod.Week);
        var expired = CareCertificate(provider.Id, Today.AddDays(-1));

        var before = Check(provider, capability, [expired]);
        var renewed = Check(provider, capability, [expired, CareCertificate(provider.Id, Today.AddYears(3))]);

        Assert.False(before.Eligible);
        Assert.Equal("养老护理员职业技能等级证书已于2026-11-27过期（或尚未生效），换证前不能提供该服务。",
            Assert.Single(before.Reasons, r => !r.Met).Explanation);
        Assert.True(renewed.Eligible);
    }

    [Fact]
    public void A_certificate_valid_through_today_still_counts_and_expires_tomorrow()
    {
        var provider = Approved();
        var capability = Capability.Offer(provider.Id, "daily-care", [Hengshan], 20, CapacityPeriod.Week);
        var lastDay = CareCertificate(provider.Id, Today);

        Assert.True(Check(provider, capability, [lastDay]).Eligible);
        Assert.False(Check(provider, capability, [lastDay], Today.AddDays(1)).Eligible);
        Assert.True(lastDay.ExpiresSoon(Today, 30));
    }

    [Fact]
    public void Suspension_another_township_zero_capacity_or_no_capability_each_make_it_ineligible_with_the_reason()
    {
        var provider = Approved();
        var certificate = CareCertificate(provider.Id, Today.AddYears(1));
        var elsewhere = Capability.Offer(provider.Id, "daily-care", [Foziling], 20, CapacityPeriod.Week);
        var none = Capability.Offer(provider.Id, "daily-care", [Hengshan], 0, CapacityPeriod.Month);

        Assert.Equal("township", Assert.Single(Check(provider, elsewhere, [certificate]).Reasons, r => !r.Met).Rule);
        Assert.Equal("capacity", Assert.Single(Check(provider, none, [certificate]).Reasons, r => !r.Met).Rule);
        Assert.Equal("capability", Assert.Single(Check(provider, null, [certificate]).Reasons, r => !r.Met).Rule);
        provider.Suspend("d", Now, "投诉核查");
        var suspended = Check(provider, Capability.Offer(provider.Id, "daily-care", [Hengshan], 20, CapacityPeriod.Week), [certificate]);
        Assert.Equal("已暂停，恢复前不能派单。", Assert.Single(suspended.Reasons, r => !r.Met).Explanation);
    }

    [Fact]
    public void A_provider_whose_open_orders_fill_its_weekly_capacity_has_no_room_left()
    {
        var provider = Approved();
        var capability = Capability.Offer(provider.Id, "daily-care", [Hengshan], 3, CapacityPeriod.Week);
        var certificate = CareCertificate(provider.Id, Today.AddYears(1));

        Assert.True(Check(provider, capability, [certificate], openOrders: 2).Eligible);
        var full = Check(provider, capability, [certificate], openOrders: 3);
        Assert.False(full.Eligible);
        Assert.Equal("服务能力每周3次，在办工单已有3件，暂无余力。", Assert.Single(full.Reasons, r => !r.Met).Explanation);
    }

    [Fact]
    public void Monthly_capacity_is_compared_per_week()
    {
        Assert.Equal(3m, Capability.Offer(Guid.NewGuid(), "daily-care", [Hengshan], 3, CapacityPeriod.Week).WeeklyCapacity);
        Assert.Equal(2.77m, Capability.Offer(Guid.NewGuid(), "daily-care", [Hengshan], 12, CapacityPeriod.Month).WeeklyCapacity);
    }

    [Fact]
    public void Capabilities_for_unknown_items_other_kinds_townships_the_item_is_not_offered_in_or_negative_capacity_are_refused()
    {
        List<CapabilityRequest> requests =
        [
            new("home-cleaning", [Hengshan], 5, CapacityPeriod.Week),
            new("shopping", [Hengshan], 5, CapacityPeriod.Week),
            new("daily-care", [Foziling, "341525999"], -1, CapacityPeriod.Month),
            new("daily-care", [Hengshan], 5, null),
        ];

        var errors = CapabilitiesApi.Check(requests, "elderly-care-organisation", Offerable, County);

        Assert.Equal("服务事项“home-cleaning”不在已发布的服务清单中。", errors["[0].itemCode"][0]);
        Assert.Equal("服务清单规定“shopping”不由此类服务主体提供。", errors["[1].itemCode"][0]);
        Assert.Contains("[2].townships[1]", errors.Keys);
        Assert.Equal("服务能力不能小于 0。", errors["[2].capacity"][0]);
        Assert.Equal("服务事项“daily-care”重复列出。", errors["[3].itemCode"][0]);
        Assert.Contains("[3].per", errors.Keys);
        Assert.DoesNotContain("[2].townships[0]", errors.Keys);
    }

    [Fact]
    public void A_volunteer_team_may_offer_shopping_only_where_the_catalogue_offers_it()
    {
        var errors = CapabilitiesApi.Check([new CapabilityRequest("shopping", [Hengshan, Foziling], 10, CapacityPeriod.Month)], "volunteer-team", Offerable, County);

        Assert.Equal("服务清单中该事项不在此乡镇提供。", Assert.Single(errors).Value[0]);
        Assert.Equal("[0].townships[1]", Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData("social-work-organisation", null, null, "creditCode")]
    [InlineData("social-work-organisation", "91350100M000100Y44", null, "creditCode")]
    [InlineData("department", null, "tax-bureau", "affiliation")]
    [InlineData("charity", "91350100M000100Y43", "civil-affairs", "affiliation")]
    public void Applications_missing_what_their_kind_needs_are_refused(string kind, string? creditCode, string? affiliation, string field)
    {
        var application = new ProviderApplication(kind, "某机构", null, creditCode, affiliation, null, new ContactRequest("王芳", "13856781234"));

        Assert.Contains(field, ProviderApplicationRules.Check(application, [kind], County).Keys);
    }

    [Fact]
    public void An_individual_needs_a_person_name_and_a_township_and_no_credit_code()
    {
        var application = new ProviderApplication("neighbour-helper", null, "", "91350100M000100Y43", null, null, new ContactRequest("王芳", "12345"));

        var errors = ProviderApplicationRules.Check(application, ["neighbour-helper"], County);

        Assert.Equal(["contact.phone", "creditCode", "homeTownship", "personName"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("12345", string.Join(" ", errors.Values.SelectMany(v => v)), StringComparison.Ordinal);
    }
}

public sealed class ProviderRankingTests
{
    private static EligibleProvider Candidate(string name, bool eligible, int open, decimal capacity, decimal? rating, bool paired = false) =>
        new(Guid.NewGuid(), name, "social-work", eligible, capacity, open, rating, rating is null ? 0 : 10, [], paired);

    [Fact]
    public void Eligible_first_then_the_households_pairing_then_load_then_rating()
    {
        var ranked = EligibleProvider.Rank(
        [
            Candidate("不合格但结对", eligible: false, open: 0, capacity: 10, rating: 5, paired: true),
            Candidate("空闲高分", eligible: true, open: 0, capacity: 10, rating: 4.9m),
            Candidate("繁忙结对", eligible: true, open: 9, capacity: 10, rating: 3.0m, paired: true),
            Candidate("半忙", eligible: true, open: 5, capacity: 10, rating: 5.0m),
            Candidate("空闲低分", eligible: true, open: 0, capacity: 10, rating: 3.5m),
        ]);

        Assert.Equal(["繁忙结对", "空闲高分", "空闲低分", "半忙", "不合格但结对"], ranked.Select(p => p.Name));
    }
}
