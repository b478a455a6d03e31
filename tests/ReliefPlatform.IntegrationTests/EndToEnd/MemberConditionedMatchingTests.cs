using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// Delivery drafts a plan with the household's matching profile from Assessment (members' ages, disabilities, living
/// alone, benefits received — no names), so the catalogue's member conditions and overlap rules decide, as the county's
/// catalogue states them. Three households answer the assessment alike and differ only in their members.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class MemberConditionedMatchingTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    private static readonly string[] Dependent = ["dependent"];
    private static readonly string[] None = ["none"];
    private static readonly string[] Yes = ["yes"];
    private static readonly string[] Requested = ["visiting", "care", "rehabilitation", "home-adaptation", "skills", "cleaning"];
    private static readonly string[] LongTermCare = ["长期护理保险"];
    private static readonly string[] DestituteCareFee = ["destitute-care-fee"];
    private static readonly string[] WithUnknown = ["长期护理保险", "不存在的补贴"];

    /// <summary>The seeded items whose target scope names a member condition, and who in these households meets it.</summary>
    private static readonly string[] ForTheElder = ["solitary-elder-care", "disability-rehab-guidance", "health-monitoring", "home-adaptation", "safety-monitoring"];
    private static readonly string[] ForWorkingAge = ["skills-training"];
    private static readonly string[] ForTheChild = ["child-care", "study-support"];

    [Fact]
    public async Task Member_conditioned_items_go_to_the_household_with_such_a_member_and_are_refused_with_the_reason_to_one_without()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var elderName = "钱守田";
        var elderId = People.IdNumber(75);
        var (elder, _) = await RegisterAsync(caseworker, "205",
            new { name = elderName, idNumber = elderId, relationship = "户主", disabilityType = "肢体", disabilityGrade = 2, livingAlone = true });
        var (adult, _) = await RegisterAsync(caseworker, "206", new { name = "孙建国", idNumber = People.IdNumber(40), relationship = "户主" });
        var (family, _) = await RegisterAsync(caseworker, "201",
            new { name = "李秀英", idNumber = People.IdNumber(38), relationship = "户主" },
            new { name = "李小明", idNumber = People.IdNumber(10), relationship = "子女", hasEffectiveGuardian = false });

        // The profile Delivery reads: derived facts, no name or ID number.
        var profile = await caseworker.GetAsync($"/api/assessment/households/{elder}/matching-profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var text = await profile.Content.ReadAsStringAsync();
        Assert.DoesNotContain(elderName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(elderId[..6] + elderId[6..14], text, StringComparison.Ordinal);
        var member = JsonDocument.Parse(text).RootElement.GetProperty("members").EnumerateArray().Single();
        Assert.Equal(75, member.GetProperty("age").GetInt32());
        Assert.Equal("Physical", member.GetProperty("disabilityType").GetString());
        Assert.Equal(2, member.GetProperty("disabilityGrade").GetInt32());
        Assert.True(member.GetProperty("livingAlone").GetBoolean());

        var plans = await Task.WhenAll(PlanAsync(elder), PlanAsync(adult), PlanAsync(family));
        var (elderPlan, adultPlan, familyPlan) = (plans[0], plans[1], plans[2]);

        foreach (var item in ForTheElder)
        {
            Proposed(elderPlan, item, "75岁");
            RefusedForItsMembers(adultPlan, item);
        }

        foreach (var item in ForWorkingAge)
        {
            Proposed(adultPlan, item, "40岁");
            RefusedForItsMembers(elderPlan, item);
        }

        foreach (var item in ForTheChild)
        {
            Proposed(familyPlan, item, "10岁");
            RefusedForItsMembers(elderPlan, item);
        }
    }

    [Fact]
    public async Task Benefits_a_member_already_receives_reduce_or_exclude_what_the_catalogue_says_they_overlap()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var (insured, insuredMembers) = await RegisterAsync(caseworker, "202", new { name = "周长福", idNumber = People.IdNumber(80), relationship = "户主" });
        var (supported, supportedMembers) = await RegisterAsync(caseworker, "203", new { name = "吴桂兰", idNumber = People.IdNumber(82), relationship = "户主" });
        var (plain, _) = await RegisterAsync(caseworker, "204", new { name = "郑有才", idNumber = People.IdNumber(81), relationship = "户主" });

        // Codes or Chinese names; anything else is refused field by field and nothing changes.
        var unknown = await caseworker.PutAsJsonAsync($"/api/assessment/households/{insured}/members/{insuredMembers[0]}/benefits", new { benefits = WithUnknown });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("benefits[1]", out _));
        var outsider = await county.ClientForAsync("township-foziling");
        Assert.Equal(HttpStatusCode.NotFound,
            (await outsider.PutAsJsonAsync($"/api/assessment/households/{insured}/members/{insuredMembers[0]}/benefits", new { benefits = LongTermCare })).StatusCode);
        Assert.Empty((await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{insured}/matching-profile")).GetProperty("policies").EnumerateArray());

        var set = await caseworker.PutAsJsonAsync($"/api/assessment/households/{insured}/members/{insuredMembers[0]}/benefits", new { benefits = LongTermCare });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(["long-term-care-insurance"], (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("benefits").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(HttpStatusCode.OK,
            (await caseworker.PutAsJsonAsync($"/api/assessment/households/{supported}/members/{supportedMembers[0]}/benefits", new { benefits = DestituteCareFee })).StatusCode);
        Assert.Equal(["long-term-care-insurance"],
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{insured}/matching-profile")).GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        var audit = await (await county.ClientForAsync("county-admin")).GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=member:{insuredMembers[0]}");
        var entry = audit.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("member.benefits", "benefits=long-term-care-insurance"), (entry.GetProperty("action").GetString(), entry.GetProperty("details").GetString()));

        var plans = await Task.WhenAll(PlanAsync(insured), PlanAsync(supported), PlanAsync(plain));
        var (insuredPlan, supportedPlan, plainPlan) = (plans[0], plans[1], plans[2]);

        // Without benefits: daily care at the catalogue's standard.
        var standard = Considered(plainPlan, "daily-care").GetProperty("standard").GetProperty("frequency");
        var plainCare = Line(plainPlan, "daily-care");
        Assert.Equal(standard.GetProperty("times").GetInt32(), plainCare.GetProperty("times").GetInt32());
        Assert.Equal(standard.GetProperty("per").GetString(), plainCare.GetProperty("per").GetString());
        Assert.True(standard.GetProperty("times").GetInt32() > 1 || standard.GetProperty("per").GetString() == "Day");

        // 长期护理保险: the rule reduces daily care to once a week and bathing to once a month.
        var insuredCare = Line(insuredPlan, "daily-care");
        Assert.Equal((1, "Week"), (insuredCare.GetProperty("times").GetInt32(), insuredCare.GetProperty("per").GetString()));
        Assert.Contains("长期护理保险", Reason(insuredPlan, "daily-care", "overlap:long-term-care-insurance").GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var insuredCleaning = Line(insuredPlan, "cleaning");
        Assert.Equal((1, "Month"), (insuredCleaning.GetProperty("times").GetInt32(), insuredCleaning.GetProperty("per").GetString()));

        // 特困供养照料护理费 already pays for care and cleaning: neither is offered, and the plan says why.
        foreach (var item in new[] { "daily-care", "cleaning" })
        {
            Assert.False(Considered(supportedPlan, item).GetProperty("eligible").GetBoolean());
            var reason = Reason(supportedPlan, item, "overlap:destitute-care-fee");
            Assert.False(reason.GetProperty("met").GetBoolean());
            Assert.Contains("不予重复安排", reason.GetProperty("explanation").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(item, Lines(supportedPlan));
            Assert.Contains(item, Lines(plainPlan));
        }
    }

    private static void Proposed(JsonElement plan, string item, string age)
    {
        Assert.True(Considered(plan, item).GetProperty("eligible").GetBoolean(), $"{item} should be proposed");
        Assert.Contains(item, Lines(plan));
        var member = Reason(plan, item, "member");
        Assert.True(member.GetProperty("met").GetBoolean());
        Assert.Contains(age, member.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Refused because of its members and nothing else: every other condition holds for this household.</summary>
    private static void RefusedForItsMembers(JsonElement plan, string item)
    {
        var considered = Considered(plan, item);
        Assert.False(considered.GetProperty("eligible").GetBoolean(), $"{item} should be refused");
        Assert.DoesNotContain(item, Lines(plan));
        var unmet = considered.GetProperty("reasons").EnumerateArray().Where(r => !r.GetProperty("met").GetBoolean()).ToList();
        Assert.Equal(["member"], unmet.Select(r => r.GetProperty("rule").GetString()));
        Assert.Contains("该家庭没有符合的成员", unmet[0].GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Considered(JsonElement plan, string item) =>
        plan.GetProperty("considered").EnumerateArray().Single(i => i.GetProperty("code").GetString() == item);

    private static JsonElement Reason(JsonElement plan, string item, string rule) =>
        Considered(plan, item).GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == rule);

    private static JsonElement Line(JsonElement plan, string item) =>
        plan.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("itemCode").GetString() == item);

    private static List<string> Lines(JsonElement plan) => [.. plan.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("itemCode").GetString()!)];

    private static async Task<(Guid Household, List<Guid> Members)> RegisterAsync(HttpClient client, string village, params object[] members)
    {
        var response = await client.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan,
            villageCode = $"{Hengshan}{village}",
            category = "特困供养",
            members,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), [.. body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetGuid())]);
    }

    /// <summary>The same answers for every household: dependent in daily living, no caregiver, asking for visits, care, rehabilitation, adaptation, skills and cleaning.</summary>
    private async Task<JsonElement> PlanAsync(Guid household)
    {
        var staff = await county.ClientForAsync("township-hengshan");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var answers = await Assessments.AnswersAsync(visitor,
            ("adl-eating", Dependent), ("adl-bathing", Dependent), ("adl-dressing", Dependent), ("adl-toileting", Dependent),
            ("adl-transfer", Dependent), ("adl-walking", Dependent), ("caregiver", None), ("minor-guardianship", None), ("living-alone", Yes),
            ("requested-services", Requested));
        var started = await Assessments.StartAsync(visitor, household, answers);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var assessment = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/assessment/assessments/{assessment}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{assessment}/approve", null)).StatusCode);
        JsonElement plan = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var plans = await staff.GetFromJsonAsync<JsonElement>($"/api/delivery/households/{household}/plans");
            plan = plans.GetArrayLength() > 0 ? plans[0] : default;
            return plans.GetArrayLength() > 0;
        }, "Delivery drafted the household's plan");
        return plan;
    }
}
