using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Configuration;
using ReliefPlatform.Demo;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Demo;

/// <summary>
/// The demo county's filler at a small scale against the test county (which runs without it): into 单龙寺镇 alone, a
/// township no other test registers households in, so every other test's counts stay exact. What a user would then see:
/// the households listed in their township and villages, assessments approved by a second person with a degree, plans
/// matched, orders delivered and confirmed — and a second run finds the county filled and does nothing.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class DemoCountySeederTests(CountyAppFixture county)
{
    private const string Danlongsi = "341525112";

    [Fact]
    public async Task A_small_demo_county_fills_a_township_through_the_APIs_and_a_second_run_leaves_it_alone()
    {
        var options = new DemoCountyOptions
        {
            SeedNumber = 7, Households = 30, Townships = [Danlongsi], Providers = 8, AssessedShare = 0.7, DeliveredShare = 1.0, Parallelism = 3,
        };
        // The county as the AppHost configures it (its townships and villages).
        var countyOptions = new ConfigurationBuilder().AddJsonFile(Repository.File("AppHost", "appsettings.json")).Build()
            .GetSection(CountyOptions.Section).Get<CountyOptions>()!;
        using var progress = new DemoCountyProgress();
        var seeder = new DemoCountySeeder(options, countyOptions, new CountyApi((user, _) => county.ClientForAsync(user)), progress, NullLogger.Instance, TimeProvider.System);

        Assert.True(await seeder.RunAsync(CancellationToken.None));

        var caseworker = await county.ClientForAsync("caseworker");
        var listed = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Danlongsi}&pageSize=200");
        Assert.Equal(30, listed.GetProperty("total").GetInt32());
        var households = listed.GetProperty("items").EnumerateArray().ToList();
        var villages = countyOptions.FindTownship(Danlongsi)!.Villages.Select(v => v.Code).ToHashSet();
        Assert.All(households, h => Assert.Contains(h.GetProperty("villageCode").GetString()!, villages));
        Assert.True(households.Select(h => h.GetProperty("categoryName").GetString()).Distinct().Count() >= 3, "several categories");
        Assert.True(households.Sum(h => h.GetProperty("memberCount").GetInt32()) > 30, "households of more than one person");
        Assert.Equal(0, progress["calls refused"]);
        Assert.True(progress["providers"] >= 8);

        // Assessments approved by township staff after the visitor submitted them, each with its degree.
        Assert.True(progress["assessments approved"] >= 5, $"approved: {progress["assessments approved"]}");
        var approved = 0;
        foreach (var household in households)
        {
            var assessments = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household.GetProperty("id").GetGuid()}/assessments");
            foreach (var a in assessments.EnumerateArray().Where(a => a.GetProperty("status").GetString() == "Approved"))
            {
                Assert.NotEqual(a.GetProperty("submittedBy").GetString(), a.GetProperty("reviewedBy").GetString());
                Assert.False(string.IsNullOrEmpty(a.GetProperty("degree").GetString()));
                approved++;
            }
        }

        Assert.Equal(progress["assessments approved"], approved);

        // Orders delivered and confirmed with the household's satisfaction.
        Assert.True(progress["orders confirmed"] > 0, $"confirmed: {progress["orders confirmed"]}");
        var confirmed = 0;
        foreach (var household in households)
        {
            var orders = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household.GetProperty("id").GetGuid()}");
            confirmed += orders.EnumerateArray().Count(o => o.GetProperty("status").GetString() == "Confirmed");
        }

        Assert.Equal(progress["orders confirmed"], confirmed);

        // The year before, migrated from the county's records: each of the twelve months before this one has services, and their spend.
        Assert.True(progress["history records"] > 0, $"history: {progress["history records"]}");
        var supervisor = await county.ClientForAsync("supervisor");
        var thisMonth = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (from, to) = (new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-12), new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-1));
        List<JsonElement> months = [];
        await Messaging.MessagingHost.EventuallyAsync(async () =>
        {
            months = [.. (await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/kpis/months?from={from:yyyy-MM}&to={to:yyyy-MM}&townshipCode={Danlongsi}"))
                .GetProperty("months").EnumerateArray()];
            return months.Sum(m => m.GetProperty("migratedServices").GetInt32()) == progress["history records"]
                && months.All(m => m.GetProperty("servicesDelivered").GetInt32() > 0 && m.GetProperty("spend").GetDecimal() > 0);
        }, "Funding counted the migrated year in its months", TimeSpan.FromMinutes(2));
        Assert.Equal(12, months.Count);

        // Run again: the county holds the completed import of this seed's file, so nothing is added.
        using var again = new DemoCountyProgress();
        Assert.False(await new DemoCountySeeder(options, countyOptions, new CountyApi((user, _) => county.ClientForAsync(user)), again, NullLogger.Instance, TimeProvider.System)
            .RunAsync(CancellationToken.None));
        Assert.Equal(30, (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households?townshipCode={Danlongsi}")).GetProperty("total").GetInt32());
    }
}
