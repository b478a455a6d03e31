using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// The 工作台's counts (<c>GET /api/delivery/worklist</c>): each is the length of the list its tile opens, for the same
/// person behind the same walls, and null where that person may not read the list.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class WorklistCountsTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";

    private static readonly (string Count, string List)[] Lists =
    [
        ("plansToApprove", "/api/delivery/plans?status=Draft"),
        ("unmetNeeds", "/api/delivery/unmet-needs"),
        ("overdueOrders", "/api/delivery/work-orders?overdue=true"),
        ("complaintsDue", "/api/delivery/complaints?overdue=true"),
        ("complaintsReceived", "/api/delivery/complaints?status=Received"),
        ("referralsSent", "/api/delivery/referrals?status=Sent"),
    ];

    [Fact]
    public async Task Each_count_is_what_its_list_holds_for_that_person_and_a_township_counts_only_its_own()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var foziling = await county.ClientForAsync("township-foziling");
        var hengshan = await county.ClientForAsync("township-hengshan");
        var before = new { foziling = await CountsAsync(foziling), hengshan = await CountsAsync(hengshan) };

        // A complaint taken in 佛子岭 is one more for 佛子岭's staff and none more for 衡山's.
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "205");
        var taken = await foziling.PostAsJsonAsync("/api/delivery/complaints", new { householdId = household, category = "ServiceQuality", description = "上门时间不固定" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal(Count(before.foziling, "complaintsReceived") + 1, Count(await CountsAsync(foziling), "complaintsReceived"));
        Assert.Equal(Count(before.hengshan, "complaintsReceived"), Count(await CountsAsync(hengshan), "complaintsReceived"));

        foreach (var user in new[] { "caseworker", "township-foziling", "township-hengshan", "supervisor" })
        {
            var client = await county.ClientForAsync(user);
            foreach (var (name, list) in Lists)
            {
                await AssertCountIsListAsync(client, user, name, list);
            }
        }

        // Finance reads orders, not plans, complaints or referrals; provider staff count only their own orders.
        var finance = await CountsAsync(await county.ClientForAsync("finance"));
        Assert.Equal(JsonValueKind.Null, finance.GetProperty("plansToApprove").ValueKind);
        Assert.Equal(JsonValueKind.Null, finance.GetProperty("complaintsReceived").ValueKind);
        Assert.Equal(JsonValueKind.Null, finance.GetProperty("referralsSent").ValueKind);
        await AssertCountIsListAsync(await county.ClientForAsync("finance"), "finance", "overdueOrders", "/api/delivery/work-orders?overdue=true");
        var provider = await county.ClientForAsync("provider-demo");
        Assert.Equal(JsonValueKind.Null, (await CountsAsync(provider)).GetProperty("unmetNeeds").ValueKind);
        await AssertCountIsListAsync(provider, "provider-demo", "overdueOrders", "/api/delivery/work-orders?overdue=true");
    }

    private static async Task<JsonElement> CountsAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/delivery/worklist");

    private static int Count(JsonElement counts, string name) => counts.GetProperty(name).GetInt32();

    /// <summary>The count equals the list's length, read while the count held still (other tests' orders and plans move on by themselves).</summary>
    private static Task AssertCountIsListAsync(HttpClient client, string user, string name, string list) =>
        MessagingHost.EventuallyAsync(async () =>
        {
            var counted = Count(await CountsAsync(client), name);
            var listed = (await client.GetFromJsonAsync<JsonElement>(list)).GetArrayLength();
            return counted == listed && counted == Count(await CountsAsync(client), name);
        }, $"{user}'s {name} equals the length of {list}");
}
