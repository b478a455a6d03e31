using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>资源布局 through the gateway: a household's plan adds to demand, a qualified provider's capacity to supply, and the gaps come ranked.</summary>
[Collection(CountyCollection.Name)]
public sealed class ResourceLayoutTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_planned_households_need_and_a_qualified_providers_capacity_show_in_the_ranked_layout_of_their_township()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var before = await LayoutAsync(caseworker);

        var (household, _) = await Plans.DraftedPlanAsync(county, "206");
        var lines = (await Plans.DraftOfAsync(caseworker, household)).GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("included").GetBoolean()).ToList();
        Assert.NotEmpty(lines);
        var provider = await Providers.OnboardAsync(county, "elderly-care-organisation");
        await MessagingHost.EventuallyAsync(async () => (await caseworker.PutAsJsonAsync($"/api/provider/providers/{provider}/capabilities",
            new[] { new { itemCode = "daily-care", townships = new[] { Hengshan }, capacity = 13, per = "Week" } })).IsSuccessStatusCode, "Provider knows the catalogue");
        var uncertified = await LayoutAsync(caseworker);
        Assert.Equal(Cell(before, "daily-care").Supply, Cell(uncertified, "daily-care").Supply);
        Assert.Equal(HttpStatusCode.Created, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{provider}/qualifications",
            new { type = "elderly-care-worker", number = "YL2026004455", validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), validUntil = today.AddYears(1).ToString("yyyy-MM-dd") })).StatusCode);

        var after = await LayoutAsync(caseworker);
        foreach (var line in lines)
        {
            var item = line.GetProperty("itemCode").GetString()!;
            Assert.Equal(Cell(before, item).Households + 1, Cell(after, item).Households);
        }

        // Only a provider holding the certificate daily care requires is supply: 13 sessions a week, all in 衡山镇.
        Assert.Equal(Cell(before, "daily-care").Supply + 13m, Cell(after, "daily-care").Supply);
        var cells = after.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, cells.Count), cells.Select(c => c.GetProperty("rank").GetInt32()));
        var shortfalls = cells.Select(c => c.GetProperty("shortfallPerWeek").GetDecimal()).ToList();
        Assert.Equal(shortfalls.OrderDescending(), shortfalls);

        var foziling = await (await county.ClientForAsync("township-foziling")).GetFromJsonAsync<JsonElement>($"/api/delivery/resource-layout?townshipCode={Hengshan}");
        Assert.All(foziling.GetProperty("cells").EnumerateArray(), c => Assert.Equal(Foziling, c.GetProperty("townshipCode").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync("/api/delivery/resource-layout?from=2026-05-01&to=2026-04-01")).StatusCode);
    }

    private static async Task<JsonElement> LayoutAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/delivery/resource-layout?townshipCode={Hengshan}");

    private static (int Households, decimal Supply) Cell(JsonElement layout, string item) =>
        layout.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("itemCode").GetString() == item)
            .Select(c => (c.GetProperty("demandHouseholds").GetInt32(), c.GetProperty("supplyPerWeek").GetDecimal()))
            .SingleOrDefault();
}
