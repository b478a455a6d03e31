using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Townships;

/// <summary>
/// A township centre (佛子岭镇) at work through the gateway: its worklist follows the hub's events, and what its
/// front desk accepts — confirmations, complaints, visits — reaches the hub exactly once; what the hub refuses is
/// kept and shown, never lost.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class TownshipCentreTests(CountyAppFixture county)
{
    // 佛子岭镇: the security matrix aims at 衡山镇 as provider-demo, who delivers these orders.
    private const string Foziling = "341525101";
    private const string Centre = $"/api/townships/{Foziling}";

    [Fact]
    public async Task The_front_desk_confirms_takes_complaints_and_visits_and_each_reaches_the_hub_once()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-foziling");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "201");
        var project = await DeliveredOrders.FundAsync(county, Foziling);
        var order = (await DeliveredOrders.DeliverAsync(county, project, [household])).Single();

        await MessagingHost.EventuallyAsync(async () => (await WorklistAsync(staff)).GetProperty("toConfirm").EnumerateArray()
            .Any(o => o.GetProperty("id").GetGuid() == order), "the delivered order is on the centre's worklist to confirm");
        var toConfirm = (await WorklistAsync(staff)).GetProperty("toConfirm").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == order);
        Assert.Equal(["无佐证材料", "无服务定位"], toConfirm.GetProperty("recordGaps").EnumerateArray().Select(g => g.GetString()));

        var refused = await staff.PostAsJsonAsync($"{Centre}/work-orders/{order}/confirm", new { satisfaction = 6 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("满意度为 1–5 分。", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("satisfaction")[0].GetString());

        var confirmed = await staff.PostAsJsonAsync($"{Centre}/work-orders/{order}/confirm", new { satisfaction = 2, comment = " 来得太晚，时间也短 " });
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"{Centre}/work-orders/{order}/confirm", new { satisfaction = 5 })).StatusCode);

        var complaint = await staff.PostAsJsonAsync($"{Centre}/complaints",
            new { householdId = household, workOrderId = order, category = "ServiceQuality", description = "服务人员迟到一小时" });
        Assert.Equal(HttpStatusCode.Accepted, complaint.StatusCode);
        var visit = await staff.PostAsJsonAsync($"{Centre}/visits",
            new { householdId = household, place = "home", visitedAt = DateTimeOffset.UtcNow.AddHours(-1), finding = "老人精神尚可，需关注饮食" });
        Assert.Equal(HttpStatusCode.Accepted, visit.StatusCode);

        await MessagingHost.EventuallyAsync(async () => (await SyncAsync(staff)).GetProperty("pending").GetInt32() == 0, "every capture reached the hub");
        var atHub = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}");
        Assert.Equal("Confirmed", atHub.GetProperty("status").GetString());
        Assert.Equal(2, atHub.GetProperty("satisfaction").GetInt32());
        Assert.Equal("来得太晚，时间也短", atHub.GetProperty("satisfactionComment").GetString());
        var complaints = (await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/complaints")).EnumerateArray()
            .Where(c => c.GetProperty("householdId").GetGuid() == household).ToList();
        Assert.Equal("服务人员迟到一小时", Assert.Single(complaints).GetProperty("description").GetString());
        var visits = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/visits");
        Assert.Equal("老人精神尚可，需关注饮食", Assert.Single(visits.EnumerateArray()).GetProperty("finding").GetString());

        // The hub's answers come back as events: the order is confirmed here too, the low score opens a follow-up, the complaint is due.
        await MessagingHost.EventuallyAsync(async () =>
        {
            var worklist = await WorklistAsync(staff);
            return worklist.GetProperty("followUps").EnumerateArray().Any(t => t.GetProperty("householdId").GetGuid() == household)
                && worklist.GetProperty("complaints").EnumerateArray().Any(c => c.GetProperty("householdId").GetGuid() == household);
        }, "the low score and the complaint are on the worklist");
        var picture = await staff.GetFromJsonAsync<JsonElement>($"{Centre}/households/{household}");
        Assert.Equal("Confirmed", picture.GetProperty("workOrders")[0].GetProperty("status").GetString());
        Assert.All(picture.GetProperty("captures").EnumerateArray(), c => Assert.Equal("Forwarded", c.GetProperty("state").GetString()));
        Assert.Equal("低满意度回访", picture.GetProperty("tasks")[0].GetProperty("kindName").GetString());
    }

    /// <summary>
    /// The service's own guarantee, as the centres' forwarders meet it (they call Delivery directly, not through the
    /// gateway, whose Redis replay is a second, shorter-lived layer): the key and the effect commit together.
    /// </summary>
    [Fact]
    public async Task A_retried_request_with_the_same_key_has_one_effect()
    {
        var caseworker = await county.ClientForAsync("caseworker", ResourceNames.Delivery);
        var household = await Assessments.RegisterKnownToDeliveryAsync(await county.ClientForAsync("caseworker"), Foziling, "202");
        var key = Guid.NewGuid();
        var ids = new List<Guid>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/delivery/complaints")
            {
                Content = JsonContent.Create(new { householdId = household, category = "Fees", description = "被要求额外付费" }),
            };
            request.Headers.Add("Idempotency-Key", key.ToString());
            var response = await caseworker.SendAsync(request);
            // Every retry gets the first answer: the same 201 and the same complaint.
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(attempt > 0, response.Headers.Contains("Idempotent-Replayed"));
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        Assert.Single(ids.Distinct());

        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/delivery/complaints")
        {
            Content = JsonContent.Create(new { householdId = household, category = "Fees", description = "被要求额外付费" }),
        };
        malformed.Headers.Add("Idempotency-Key", "twice");
        var refused = await caseworker.SendAsync(malformed);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));

        var complaints = (await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/complaints")).EnumerateArray()
            .Count(c => c.GetProperty("householdId").GetGuid() == household);
        Assert.Equal(1, complaints);
    }

    [Fact]
    public async Task What_the_hub_refuses_is_kept_as_a_conflict_with_its_reason_until_staff_acknowledge_it()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-foziling");
        var household = await Assessments.RegisterAsync(caseworker, Foziling, "203");
        await MessagingHost.EventuallyAsync(async () => (await staff.GetAsync($"{Centre}/households/{household}")).IsSuccessStatusCode, "the centre knows the household");
        // The hub learns of the exit; the centre, which hears nothing of exits, still takes a visit for it.
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/assessment/households/{household}/exit", new { reason = "收入超过标准" })).StatusCode);

        var visit = await staff.PostAsJsonAsync($"{Centre}/visits",
            new { householdId = household, place = "centre", visitedAt = DateTimeOffset.UtcNow.AddMinutes(-5), finding = "来中心咨询" });
        Assert.Equal(HttpStatusCode.Accepted, visit.StatusCode);
        var capture = (await visit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        JsonElement conflict = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var sync = await SyncAsync(staff);
            conflict = sync.GetProperty("conflicts").EnumerateArray().FirstOrDefault(c => c.GetProperty("id").GetGuid() == capture);
            return conflict.ValueKind == JsonValueKind.Object;
        }, "the hub's refusal is shown at the centre");
        Assert.Equal("该家庭已退出，不再走访。", conflict.GetProperty("conflictReason").GetString());
        Assert.Empty((await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/visits")).EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"{Centre}/sync/{capture}/acknowledge", null)).StatusCode);
        Assert.DoesNotContain((await SyncAsync(staff)).GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("id").GetGuid() == capture);
        var kept = (await staff.GetFromJsonAsync<JsonElement>($"{Centre}/households/{household}")).GetProperty("captures")[0];
        Assert.Equal("Conflict", kept.GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_application_at_the_centre_is_registered_at_the_hub_and_the_same_person_applying_again_comes_back_refused()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-foziling");
        var applicant = People.IdNumber(67);
        var spouse = People.IdNumber(66);
        var village = $"{Foziling}204";

        var invalid = await staff.PostAsJsonAsync($"{Centre}/registrations", new
        {
            villageCode = "341525100201", category = "低保",
            members = new object[] { new { name = "陈桂英", idNumber = "34152519", relationship = "户主" }, new { name = "张", idNumber = spouse, relationship = "户主" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["members[0].idNumber", "members[1].relationship", "villageCode"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("34152519", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var application = new
        {
            villageCode = village, category = "低保", address = "佛子岭镇某村3组",
            members = new object[] { new { name = "陈桂英", idNumber = applicant, relationship = "户主" }, new { name = "张德贵", idNumber = spouse, relationship = "配偶" } },
        };
        var first = await staff.PostAsJsonAsync($"{Centre}/registrations", application);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await MessagingHost.EventuallyAsync(async () => (await SyncAsync(staff)).GetProperty("pending").GetInt32() == 0, "the application reached the registry");
        var again = await staff.PostAsJsonAsync($"{Centre}/registrations", application);
        var second = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await MessagingHost.EventuallyAsync(async () => (await SyncAsync(staff)).GetProperty("conflicts").EnumerateArray()
            .Any(c => c.GetProperty("id").GetGuid() == second && c.GetProperty("conflictReason").GetString()!.StartsWith("该居民已登记", StringComparison.Ordinal)),
            "the second application came back refused by the registry");
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber = applicant });
        var household = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((village, 2), (household.GetProperty("villageCode").GetString(), household.GetProperty("memberCount").GetInt32()));
    }

    [Fact]
    public async Task Another_townships_staff_are_refused_by_this_centre()
    {
        var outsider = await county.ClientForAsync("township-hengshan");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"{Centre}/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"{Centre}/complaints", new { category = "Other" })).StatusCode);
    }

    private static async Task<JsonElement> WorklistAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>($"{Centre}/worklist");

    private static async Task<JsonElement> SyncAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>($"{Centre}/sync");
}
