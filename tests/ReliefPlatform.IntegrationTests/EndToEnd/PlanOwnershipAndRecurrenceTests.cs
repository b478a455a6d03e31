using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// Through the gateway: caseworkers own a household's plan — add an item the catalogue's matching allows, with a reason,
/// remove one, lower a frequency within the standard — and an approved plan's weekly line keeps producing one work order
/// per week, the coming weeks' made ahead (the county's setting; two in the test county), each with its money reserved.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class PlanOwnershipAndRecurrenceTests(CountyAppFixture county)
{
    [Fact]
    public async Task A_caseworker_adds_removes_and_repaces_lines_with_reasons_and_every_refusal_says_why()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var outsider = await county.ClientForAsync("township-foziling");
        var supervisor = await county.ClientForAsync("supervisor");
        var (_, plan) = await Plans.DraftedPlanAsync(county, "201");
        var drafted = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{plan}");
        // The plan lasts until the household's next reassessment.
        var reviewOn = DateOnly.Parse(drafted.GetProperty("reviewOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(reviewOn > DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));

        // Another township's staff cannot touch it: to them the plan does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/delivery/plans/{plan}/items", new { itemCode = "respite-care", reason = "家属需要喘息" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync($"/api/delivery/plans/{plan}/lines/daily-care/frequency", new { times = 1, reason = "原因" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/delivery/plans/{plan}/lines/daily-care/remove", new { reason = "原因" })).StatusCode);

        // An item the household is not eligible for (child care: the only member is 78): refused, saying which rule it fails.
        var ineligible = await caseworker.PostAsJsonAsync($"/api/delivery/plans/{plan}/items", new { itemCode = "child-care", reason = "家属要求" });
        Assert.Equal(HttpStatusCode.BadRequest, ineligible.StatusCode);
        Assert.Equal("application/problem+json", ineligible.Content.Headers.ContentType?.MediaType);
        var why = (await ineligible.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("itemCode")[0].GetString()!;
        Assert.StartsWith("该家庭不符合", why, StringComparison.Ordinal);
        Assert.True(why.Length > "该家庭不符合“”的条件：".Length + 4, why);
        // Without a reason, nothing is added.
        var unexplained = await caseworker.PostAsJsonAsync($"/api/delivery/plans/{plan}/items", new { itemCode = "respite-care" });
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.True((await unexplained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));

        // Frequency within the item's standard (daily care: 3 a week): 2 is fine, 4 is refused with the standard named.
        var lowered = await caseworker.PutAsJsonAsync($"/api/delivery/plans/{plan}/lines/daily-care/frequency", new { times = 2, reason = "女儿每周照料一天" });
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        var tooMany = await caseworker.PutAsJsonAsync($"/api/delivery/plans/{plan}/lines/daily-care/frequency", new { times = 4, reason = "多照料一天" });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("该事项的服务标准为每周3次，频次应为 1–3 次。",
            (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("times")[0].GetString());

        // Removed, then added back with a reason: the catalogue's matching allows it again.
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/plans/{plan}/lines/respite-care/remove", new { reason = "家属暂不需要" })).StatusCode);
        var added = await caseworker.PostAsJsonAsync($"/api/delivery/plans/{plan}/items", new { itemCode = "respite-care", reason = "家属下月外出务工" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var lines = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("itemCode").GetString()!);
        Assert.True(lines["respite-care"].GetProperty("included").GetBoolean());
        Assert.Equal("家属下月外出务工", lines["respite-care"].GetProperty("note").GetString());
        Assert.Equal((2, 3), (lines["daily-care"].GetProperty("times").GetInt32(), lines["daily-care"].GetProperty("standardTimes").GetInt32()));
        var twice = await caseworker.PostAsJsonAsync($"/api/delivery/plans/{plan}/items", new { itemCode = "respite-care", reason = "再加一次" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // Approved by someone else; each act is on the plan's audit trail, in order.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/delivery/plans/{plan}/approve", null)).StatusCode);
        var acts = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/audit?subject=plan:{plan}")).GetProperty("items").EnumerateArray().Reverse()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["plan.line.frequency", "plan.item.remove", "plan.item.add", "plan.approve"], acts);
    }

    [Fact]
    public async Task An_approved_weekly_line_has_this_weeks_order_and_the_coming_weeks_made_ahead_each_with_money_reserved_until_it_is_removed()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var supervisor = await county.ClientForAsync("supervisor");
        var provider = await Plans.ContractedCareProviderAsync(county);
        var (household, plan) = await Plans.DraftedPlanAsync(county, "202");
        await Plans.ApproveAndMatchDailyCareAsync(county, household, plan, provider);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var thisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        const int weeks = 1 + CountyAppFixture.RecurringPeriodsAhead;
        List<JsonElement> orders = [];
        await MessagingHost.EventuallyAsync(async () =>
        {
            orders = [.. (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
                .Where(o => o.GetProperty("itemCode").GetString() == "daily-care").OrderBy(o => o.GetProperty("periodStarts").GetString())];
            return orders.Count >= weeks && orders.All(o => o.GetProperty("status").GetString() == "Assigned");
        }, "this week's and the coming weeks' orders were made and their money reserved", TimeSpan.FromMinutes(2));

        // Exactly one a week: the week it was approved in and the ones ahead, for the plan, at three sessions at the contract's price.
        Assert.Equal(
            Enumerable.Range(0, weeks).Select(w => ((string?)thisWeek.AddDays(7 * w).ToString("yyyy-MM-dd"), (string?)thisWeek.AddDays(7 * (w + 1)).ToString("yyyy-MM-dd"))),
            orders.Select(o => (o.GetProperty("periodStarts").GetString(), o.GetProperty("periodEnds").GetString())));
        Assert.All(orders, o => Assert.Equal((plan, provider.ToString(), 3, 180.00m),
            (o.GetProperty("planId").GetGuid(), o.GetProperty("providerId").GetString(), o.GetProperty("units").GetInt32(), o.GetProperty("amount").GetDecimal())));
        // Each order is due by the end of its week (county midnight).
        Assert.Equal(new DateTimeOffset(thisWeek.AddDays(7 * weeks).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)), orders[^1].GetProperty("completeBy").GetDateTimeOffset());
        // Supervisors see the same periods on the plan.
        var periods = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/plans/{plan}/periods")).EnumerateArray()
            .Where(p => p.GetProperty("itemCode").GetString() == "daily-care").ToList();
        Assert.Equal(orders.Select(o => o.GetProperty("id").GetGuid()), periods.Select(p => p.GetProperty("workOrderId").GetGuid()));

        // Sweeps go on (every 30 s): still one order per week.
        await Task.Delay(TimeSpan.FromSeconds(35));
        Assert.Equal(weeks, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
            .Count(o => o.GetProperty("itemCode").GetString() == "daily-care"));

        // The line is taken out: its orders not yet started are cancelled (Funding releases the money), and no week is ordered again.
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/plans/{plan}/lines/daily-care/remove", new { reason = "已入住养老机构" })).StatusCode);
        var after = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
            .Where(o => o.GetProperty("itemCode").GetString() == "daily-care").ToList();
        Assert.Equal(weeks, after.Count);
        Assert.All(after, o => Assert.Equal("Cancelled", o.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_matched_line_whose_money_no_budget_can_reserve_is_an_unmet_need_in_the_list_with_the_reason()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        // A week of daily care costs 3 × 60 = 180; the project's budget line holds 100.
        var care = await Plans.CareContractAsync(county, budget: 100.00m);
        var (household, plan) = await Plans.DraftedPlanAsync(county, "203");
        await Plans.ApproveAndMatchDailyCareAsync(county, household, plan, care.Provider);

        // Every week's order is refused its money; the line is an unmet need, saying why, in the county's list.
        JsonElement line = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var unmet = (await caseworker.GetFromJsonAsync<JsonElement>("/api/delivery/unmet-needs")).EnumerateArray()
                .FirstOrDefault(p => p.GetProperty("id").GetGuid() == plan);
            if (unmet.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            line = unmet.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("itemCode").GetString() == "daily-care");
            return line.GetProperty("unmet").GetBoolean();
        }, "the refused line is in the unmet-needs list", TimeSpan.FromMinutes(2));
        Assert.Equal(("no-funds", care.Provider.ToString()), (line.GetProperty("unmetReason").GetString(), line.GetProperty("providerId").GetString()));
        Assert.All((await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
            .Where(o => o.GetProperty("itemCode").GetString() == "daily-care"), o => Assert.Equal("Rejected", o.GetProperty("status").GetString()));
    }
}
