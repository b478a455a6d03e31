using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Assessment;

/// <summary>
/// Correcting a registered household “in the original household”: a member added (checked against the whole county
/// first) or removed, the category changed — each with a reason code, on the audit chain, and announced so Delivery
/// matches the next plan with the household as it now is. Refusals change nothing.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class HouseholdCorrectionTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task A_household_gains_and_loses_members_and_changes_category_with_reasons_audited_and_announced()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "206");
        var spouseName = "冯玉兰";
        var spouseId = People.IdNumber(70);
        var spouse = new { name = spouseName, idNumber = spouseId, relationship = "配偶" };

        var unreasoned = await caseworker.PostAsJsonAsync($"/api/assessment/households/{household}/members", new { member = spouse, reason = "因为" });
        Assert.Equal(HttpStatusCode.BadRequest, unreasoned.StatusCode);
        Assert.True((await unreasoned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        var outsider = await county.ClientForAsync("township-foziling");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/assessment/households/{household}/members", new { member = spouse, reason = "marriage" })).StatusCode);
        Assert.Single(await MembersAsync(caseworker, household));

        var added = await caseworker.PostAsJsonAsync($"/api/assessment/households/{household}/members", new { member = spouse, reason = "marriage" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var members = await MembersAsync(caseworker, household);
        Assert.Equal(2, members.Count);
        var spouseMember = members.Single(m => m.GetProperty("relationship").GetString() == "配偶");
        Assert.Equal(70, spouseMember.GetProperty("age").GetInt32());

        // The same person again, here or in another household: refused as at registration.
        Assert.Equal(HttpStatusCode.Conflict,
            (await caseworker.PostAsJsonAsync($"/api/assessment/households/{household}/members", new { member = spouse, reason = "moved-in" })).StatusCode);
        var other = await Assessments.RegisterAsync(caseworker, Hengshan, "201");
        Assert.Equal(HttpStatusCode.Conflict,
            (await caseworker.PostAsJsonAsync($"/api/assessment/households/{other}/members", new { member = spouse, reason = "moved-in" })).StatusCode);

        // The head stays; the spouse leaves, and is free to be registered where she now lives.
        var head = members.Single(m => m.GetProperty("relationship").GetString() == "户主").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict,
            (await caseworker.PostAsJsonAsync($"/api/assessment/households/{household}/members/{head}/remove", new { reason = "error" })).StatusCode);
        var spouseMemberId = spouseMember.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK,
            (await caseworker.PostAsJsonAsync($"/api/assessment/households/{household}/members/{spouseMemberId}/remove", new { reason = "moved-out" })).StatusCode);
        Assert.Single(await MembersAsync(caseworker, household));
        await Assessments.RegisterAsync(caseworker, Hengshan, "202", new { name = spouseName, idNumber = spouseId, relationship = "户主" });

        Assert.Equal(HttpStatusCode.BadRequest,
            (await caseworker.PutAsJsonAsync($"/api/assessment/households/{household}/category", new { category = "富裕户", reason = "review" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await caseworker.PutAsJsonAsync($"/api/assessment/households/{household}/category", new { category = "特困供养", reason = "review" })).StatusCode);
        var changed = await caseworker.PutAsJsonAsync($"/api/assessment/households/{household}/category", new { category = "低保", reason = "review" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("MinimumLivingGuarantee", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("category").GetString());
        await MessagingHost.EventuallyAsync(async () =>
            (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/recipients/{household}")).GetProperty("category").GetString() == "MinimumLivingGuarantee",
            "Delivery took the corrected category from HouseholdCorrected");

        // Three acts on the chain, newest first, with reason codes and ids — never the name or ID number that was added.
        var audit = await (await county.ClientForAsync("county-admin")).GetFromJsonAsync<JsonElement>($"/api/assessment/audit?subject=household:{household}");
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["household.category-changed", "household.member-removed", "household.member-added"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("from=DestituteSupport;to=MinimumLivingGuarantee;reason=review", entries[0].GetProperty("details").GetString());
        Assert.Equal($"member:{spouseMemberId};reason=moved-out", entries[1].GetProperty("details").GetString());
        Assert.DoesNotContain(spouseName, audit.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(spouseId, audit.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> MembersAsync(HttpClient client, Guid household) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}")).GetProperty("members").EnumerateArray()];
}
