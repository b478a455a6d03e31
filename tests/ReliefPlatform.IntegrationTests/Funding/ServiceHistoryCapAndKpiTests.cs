using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.EndToEnd;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>
/// What a migrated year must not break: a contract's unit cap holds when two batches (or two live orders) race for its last
/// units; each migrated order has its own entry on Delivery's audit chain, and the chain still verifies; and a month's KPIs
/// after a migrated year are those of the month — the earlier orders counted as they were, neither lost nor counted twice.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed partial class ServiceHistoryCapAndKpiTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const decimal Price = 10.00m;

    [Fact]
    public async Task Two_batches_racing_past_a_contracts_cap_land_one_and_refuse_the_other_naming_its_record_and_each_migrated_order_is_on_the_audit_chain()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var admin = await county.ClientForAsync("county-admin");
        var supervisor = await county.ClientForAsync("supervisor");
        var care = await Plans.CareContractAsync(county, Price);                      // daily care in 衡山镇, at most 200 units
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Hengshan, "204");
        var day = Today().AddDays(-3);
        object[] records = [.. Enumerable.Repeat(60, 2).Select(units => new
        {
            householdId = household, itemCode = "daily-care", providerId = care.Provider.ToString(), deliveredOn = Day(day), units, minutes = 60, confirmed = false,
        })];
        object Batch(string source) => new { sourceReference = source, records };
        await DeliveryKnowsAsync(admin, records, care.Provider);

        // 120 + 120 units against a cap of 200 (the probe wrote nothing), sent at once.
        var answers = await Task.WhenAll(
            admin.PostAsJsonAsync("/api/delivery/service-history", Batch("衡山镇台账甲-" + Guid.NewGuid().ToString("N")[..8])),
            admin.PostAsJsonAsync("/api/delivery/service-history", Batch("衡山镇台账乙-" + Guid.NewGuid().ToString("N")[..8])));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.BadRequest], answers.Select(a => a.StatusCode).Order());
        var refused = (await answers.Single(a => a.StatusCode == HttpStatusCode.BadRequest).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        // The first record fits in the 80 left; the second is the one past the cap, named with the contract and what is left.
        Assert.Equal(["records[1].units"], refused.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^超出合同（HSZC-[0-9a-f]+）该事项的数量上限，剩余 20。$", refused.GetProperty("records[1].units")[0].GetString());
        var batch = await answers.Single(a => a.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        var migrated = batch.GetProperty("workOrderIds").EnumerateArray().Select(o => o.GetGuid()).ToList();
        var listed = (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray().ToList();
        Assert.Equal(migrated.Order(), listed.Select(o => o.GetProperty("id").GetGuid()).Order());
        Assert.Equal(120, listed.Sum(o => o.GetProperty("units").GetInt32()));

        // Live orders share the cap: 80 left, two orders of 50 at once — one is placed, the other refused with what is left.
        var orders = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "daily-care", providerId = care.Provider.ToString(), units = 50, standardMinutes = 60,
        })));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.BadRequest], orders.Select(o => o.StatusCode).Order());
        var tooMany = (await orders.Single(o => o.StatusCode == HttpStatusCode.BadRequest).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Matches(@"^超出合同（HSZC-[0-9a-f]+）该事项的数量上限，剩余 30。$", tooMany.GetProperty("units")[0].GetString());

        // Each migrated order's own audit entry: the batch and what was migrated, by codes and ids only; the chain holds.
        foreach (var order in migrated)
        {
            var entry = Assert.Single((await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/audit?subject=work-order:{order}")).GetProperty("items").EnumerateArray());
            Assert.Equal(("work-order.migrate", batch.GetProperty("migratedBy").GetString()), (entry.GetProperty("action").GetString(), entry.GetProperty("actor").GetString()));
            var details = entry.GetProperty("details").GetString()!;
            Assert.Matches(CodesOnly(), details);
            Assert.Contains($"batch={batch.GetProperty("id").GetGuid()};household={household};item=daily-care;provider={care.Provider};units=60;project={care.Project};"
                + $"delivered={Day(day)};confirmed=no", details, StringComparison.Ordinal);
        }

        var chain = await supervisor.GetFromJsonAsync<JsonElement>("/api/delivery/audit/verify");
        Assert.True(chain.GetProperty("intact").GetBoolean(), chain.ToString());
    }

    [Fact]
    public async Task After_a_migrated_year_a_months_KPIs_count_the_month_and_look_back_on_the_earlier_orders_as_they_were()
    {
        var admin = await county.ClientForAsync("county-admin");
        var caseworker = await county.ClientForAsync("caseworker");
        var supervisor = await county.ClientForAsync("supervisor");
        var care = await Plans.CareContractAsync(county, Price);
        var (household, _) = await Plans.DraftedPlanAsync(county, "205");     // assessed and approved today: needs in 衡山镇
        var today = Today();
        var thisMonth = new DateOnly(today.Year, today.Month, 1);

        // A service on the 10th of each earlier month of this year (the contract's), the even months confirmed with a 5.
        var months = Enumerable.Range(1, 11).Select(back => thisMonth.AddMonths(-back)).Where(m => m.Year == thisMonth.Year).ToList();
        object[] records = [.. months.Select(m => new
        {
            householdId = household, itemCode = "daily-care", providerId = care.Provider.ToString(), deliveredOn = Day(m.AddDays(9)), units = 2, minutes = 90,
            confirmed = m.Month % 2 == 0, satisfaction = m.Month % 2 == 0 ? 5 : (int?)null,
        })];
        var year = new { sourceReference = "衡山镇年度台账-" + Guid.NewGuid().ToString("N")[..8], records };
        await DeliveryKnowsAsync(admin, records, care.Provider);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/delivery/service-history", year)).StatusCode);

        // The last month: its own service only — 2 units at 10 yuan, paid when it happened, nothing reserved.
        var lastMonth = months[0];
        JsonElement last = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            last = await RowAsync(supervisor, lastMonth, "Project", care.Project, care.Project);
            // The order's creation, its delivery and its payment are separate events: any may arrive last.
            return last.ValueKind == JsonValueKind.Object && last.GetProperty("paidThisMonth").GetDecimal() == 2 * Price
                && last.GetProperty("servicesDelivered").GetInt32() == 1 && last.GetProperty("ordersCreated").GetInt32() >= 1;
        }, "Funding counted the migrated year", TimeSpan.FromMinutes(2));
        var confirmedLast = lastMonth.Month % 2 == 0 ? 1 : 0;
        Assert.Equal((1, 1, confirmedLast, 0m, confirmedLast * 2 * Price),
            (last.GetProperty("ordersCreated").GetInt32(), last.GetProperty("servicesDelivered").GetInt32(), last.GetProperty("servicesConfirmed").GetInt32(),
                last.GetProperty("committedThisMonth").GetDecimal(), last.GetProperty("confirmedThisMonth").GetDecimal()));

        // This month, before any order of its own: the household assessed today is served — by the migrated orders.
        JsonElement now = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            now = await RowAsync(supervisor, thisMonth, "Township", care.Project, Hengshan);
            return now.ValueKind == JsonValueKind.Object && now.GetProperty("householdsServed").GetInt32() == 1;
        }, "Funding heard of the household's needs", TimeSpan.FromMinutes(2));
        Assert.Equal((0, JsonValueKind.Null), (now.GetProperty("ordersCreated").GetInt32(), now.GetProperty("daysNeedToFirstService").ValueKind));

        // An order this month is not the household's first service: no days from need to first service, one household served.
        var placed = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "daily-care", providerId = care.Provider.ToString(), units = 3, standardMinutes = 60,
        });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        await MessagingHost.EventuallyAsync(async () =>
        {
            now = await RowAsync(supervisor, thisMonth, "Township", care.Project, Hengshan);
            return now.GetProperty("ordersCreated").GetInt32() == 1;
        }, "Funding counted this month's order", TimeSpan.FromMinutes(2));
        Assert.Equal((1, 1, JsonValueKind.Null, 3 * Price),
            (now.GetProperty("ordersCreated").GetInt32(), now.GetProperty("householdsServed").GetInt32(), now.GetProperty("daysNeedToFirstService").ValueKind,
                now.GetProperty("committedThisMonth").GetDecimal()));
    }

    /// <summary>Sends a batch until Delivery has learned the provider's contract (until then every record's provider is unknown to it); a refused batch writes nothing.</summary>
    private static Task DeliveryKnowsAsync(HttpClient admin, object[] records, Guid provider) =>
        MessagingHost.EventuallyAsync(async () =>
        {
            var probe = await admin.PostAsJsonAsync("/api/delivery/service-history", new { sourceReference = "", records });
            var errors = (await probe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            return !errors.EnumerateObject().Any(e => e.Name.EndsWith(".providerId", StringComparison.Ordinal) || e.Name.EndsWith(".deliveredOn", StringComparison.Ordinal));
        }, $"Delivery learned the contract of provider {provider}");

    private static async Task<JsonElement> RowAsync(HttpClient client, DateOnly month, string by, string project, string key) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?month={month:yyyy-MM}&by={by}&projectCode={project}"))
            .GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("key").GetString() == key);

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>key=value pairs of ids, codes, counts and days — no room for a name or an ID number.</summary>
    [GeneratedRegex(@"^([a-z]+=[0-9A-Za-z\-]+;)*[a-z]+=[0-9A-Za-z\-]+$")]
    private static partial Regex CodesOnly();
}
