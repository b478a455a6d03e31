using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.ServiceDefaults;
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
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "204");

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
        var accepted = await (await staff.PostAsync($"/api/delivery/complaints/{id}/accept", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Closed", accepted.GetProperty("status").GetString());

        var sent = await caseworker.PostAsJsonAsync("/api/delivery/referrals", new { householdId = household, department = "human-resources", need = "长子失业，需要就业援助" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var referral = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.PostAsJsonAsync($"/api/delivery/referrals/{referral}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsync($"/api/delivery/referrals/{referral}/accept", null)).StatusCode);
        var done = await (await caseworker.PostAsJsonAsync($"/api/delivery/referrals/{referral}/complete", new { outcome = "已推荐至县工业园区就业" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Completed", done.GetProperty("status").GetString());

        // Staff read the words back; Delivery's database holds only ciphertext of them.
        Assert.Equal("已更换送餐人员并补送", accepted.GetProperty("resolution").GetString());
        Assert.Equal("长子失业，需要就业援助", done.GetProperty("need").GetString());
        await using (var delivery = new NpgsqlConnection(await County.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Delivery))))
        {
            await delivery.OpenAsync();
            await using var stored = new NpgsqlCommand($"""
                SELECT concat_ws('|', c."Description", c."Resolution", r."Need", r."Outcome")
                FROM complaints c, referrals r WHERE c."Id" = '{id}' AND r."Id" = '{referral}'
                """, delivery);
            var atRest = (string)(await stored.ExecuteScalarAsync())!;
            Assert.StartsWith("v1.", atRest, StringComparison.Ordinal);
            Assert.All(["助餐", "补送", "失业", "工业园区"], word => Assert.DoesNotContain(word, atRest, StringComparison.Ordinal));
        }

        var outsider = await County.ClientForAsync("township-hengshan");
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>("/api/delivery/complaints")).EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/delivery/complaints/{id}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await outsider.PostAsJsonAsync("/api/delivery/complaints", new { householdId = household, category = "Other", description = "x" })).StatusCode);
    }
}
