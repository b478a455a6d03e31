using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>A complaint taken at the township centre followed to the resident's acceptance, and a referral to a department followed to its outcome.</summary>
[Collection(CountyCollection.Name)]
public sealed class ComplaintAndReferralTests(CountyAppFixture county) : EventListeningTests(county, typeof(ComplaintRaised))
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_complaint_is_closed_only_by_the_residents_acceptance_and_a_referral_closes_its_loop()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var staff = await County.ClientForAsync("township-foziling");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "210");

        var taken = await staff.PostAsJsonAsync("/api/delivery/complaints", new { householdId = household, category = "NotDelivered", description = "助餐连续三天未送达" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var complaint = await taken.Content.ReadFromJsonAsync<JsonElement>();
        var id = complaint.GetProperty("id").GetGuid();
        var due = complaint.GetProperty("dueBy").GetDateTimeOffset();
        Assert.InRange((due - complaint.GetProperty("receivedAt").GetDateTimeOffset()).TotalDays, 2.99, 3.01);
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<ComplaintRaised>().Any(e => e.ComplaintId == id)), "ComplaintRaised left through the outbox");
        Assert.DoesNotContain("助餐", System.Text.Json.JsonSerializer.Serialize(Events.Received<ComplaintRaised>().Single(e => e.ComplaintId == id)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/delivery/complaints/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/delivery/complaints/{id}/assign", new { assignTo = "佛子岭镇社会救助服务中心" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/delivery/complaints/{id}/resolve", new { resolution = "已更换送餐人员并补送" })).StatusCode);
        var accepted = await staff.PostAsync($"/api/delivery/complaints/{id}/accept", null);
        Assert.Equal("Closed", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var sent = await caseworker.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, department = "human-resources", need = "长子失业，需要就业援助" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var referral = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.PostAsJsonAsync($"/api/delivery/referrals/{referral}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsync($"/api/delivery/referrals/{referral}/accept", null)).StatusCode);
        var done = await caseworker.PostAsJsonAsync($"/api/delivery/referrals/{referral}/complete", new { outcome = "已推荐至县工业园区就业" });
        Assert.Equal("Completed", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var outsider = await County.ClientForAsync("township-hengshan");
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>("/api/delivery/complaints")).EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/delivery/complaints/{id}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await outsider.PostAsJsonAsync("/api/delivery/complaints", new { householdId = household, category = "Other", description = "x" })).StatusCode);
    }
}
