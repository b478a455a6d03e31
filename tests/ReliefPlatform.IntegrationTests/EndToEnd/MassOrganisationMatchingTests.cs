using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// Mass organisations' groups: the published catalogue's 困难妇女关爱 (妇联, for women of 18 and over) and 困难职工帮扶
/// (工会, for working-age members out of work or flexibly employed) reach a household with such a member through Delivery's
/// plan — the member's sex read from the ID number and the employment status the registry recorded, passed as codes in
/// the matching profile — and are refused, with the reason, to a household of employed men that answered alike.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class MassOrganisationMatchingTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private static readonly string[] Requested = ["legal", "skills"];

    [Fact]
    public async Task A_woman_and_an_unemployed_member_bring_the_womens_and_trade_unions_items_into_the_plan_and_a_household_of_employed_men_is_told_why_not()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var wife = People.IdNumber(47, female: true);
        var mixed = await RegisterAsync(caseworker, "203",
            new { name = "何守礼", idNumber = People.IdNumber(50, female: false), relationship = "户主", employmentStatus = "失业" },
            new { name = "林秀梅", idNumber = wife, relationship = "配偶", employmentStatus = "务农" });
        var men = await RegisterAsync(caseworker, "204",
            new { name = "任广才", idNumber = People.IdNumber(52, female: false), relationship = "户主", employmentStatus = "在业" },
            new { name = "任小军", idNumber = People.IdNumber(24, female: false), relationship = "子女", employmentStatus = "Employed" });

        // An employment status the registry does not know is refused beside the member's field.
        var unknown = await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan,
            villageCode = $"{Hengshan}205",
            category = "低保",
            members = new[] { new { name = "孟有志", idNumber = People.IdNumber(40, female: false), relationship = "户主", employmentStatus = "摸鱼" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("就业状况应为", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("members[0].employmentStatus")[0].GetString(), StringComparison.Ordinal);

        // The profile Delivery reads: sex and employment status as codes, no name or ID number.
        var text = await caseworker.GetStringAsync($"/api/assessment/households/{mixed}/matching-profile");
        Assert.DoesNotContain("林秀梅", text, StringComparison.Ordinal);
        Assert.DoesNotContain(wife, text, StringComparison.Ordinal);
        var members = JsonDocument.Parse(text).RootElement.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("sex").GetString(), m.GetProperty("employmentStatus").GetString())).ToList();
        Assert.Equal([("Male", "Unemployed"), ("Female", "Farming")], members);

        var plans = await Task.WhenAll(PlanAsync(mixed), PlanAsync(men));
        var (mixedPlan, menPlan) = (plans[0], plans[1]);

        Proposed(mixedPlan, "women-care", "家中有女性、18岁及以上的成员（47岁）");
        Proposed(mixedPlan, "worker-assistance", "就业状况为失业或灵活就业的成员（50岁）");
        RefusedForItsMembers(menPlan, "women-care", "本项限女性、18岁及以上的成员，该家庭没有符合的成员。");
        RefusedForItsMembers(menPlan, "worker-assistance", "本项限16–60岁、就业状况为失业或灵活就业的成员，该家庭没有符合的成员。");
        // Everything else they share: skills training (a working-age member) is in both plans.
        Assert.Contains("skills-training", Lines(mixedPlan));
        Assert.Contains("skills-training", Lines(menPlan));
    }

    private static void Proposed(JsonElement plan, string item, string because)
    {
        Assert.True(Considered(plan, item).GetProperty("eligible").GetBoolean(), $"{item} should be proposed");
        Assert.Contains(item, Lines(plan));
        var member = Reason(plan, item, "member");
        Assert.True(member.GetProperty("met").GetBoolean());
        Assert.Contains(because, member.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Refused because of its members and nothing else, with the reason the plan shows.</summary>
    private static void RefusedForItsMembers(JsonElement plan, string item, string reason)
    {
        var considered = Considered(plan, item);
        Assert.False(considered.GetProperty("eligible").GetBoolean(), $"{item} should be refused");
        Assert.DoesNotContain(item, Lines(plan));
        var unmet = considered.GetProperty("reasons").EnumerateArray().Where(r => !r.GetProperty("met").GetBoolean()).ToList();
        Assert.Equal(["member"], unmet.Select(r => r.GetProperty("rule").GetString()));
        Assert.Equal(reason, unmet[0].GetProperty("explanation").GetString());
    }

    private static JsonElement Considered(JsonElement plan, string item) =>
        plan.GetProperty("considered").EnumerateArray().Single(i => i.GetProperty("code").GetString() == item);

    private static JsonElement Reason(JsonElement plan, string item, string rule) =>
        Considered(plan, item).GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == rule);

    private static List<string> Lines(JsonElement plan) => [.. plan.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("itemCode").GetString()!)];

    private static async Task<Guid> RegisterAsync(HttpClient client, string village, params object[] members)
    {
        var response = await client.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan,
            villageCode = $"{Hengshan}{village}",
            category = "低保",
            members,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The same answers for both households: asking for legal aid and skills training.</summary>
    private async Task<JsonElement> PlanAsync(Guid household)
    {
        var staff = await county.ClientForAsync("township-hengshan");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var answers = await Assessments.AnswersAsync(visitor, ("requested-services", Requested));
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
