using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Townships;

/// <summary>
/// 佛子岭镇's centre keeps working while the hub's Delivery and Assessment services and the broker are down: 100
/// visits and 100 confirmations are accepted into its own database, shown as waiting, and — once everything is
/// back — each reaches the hub exactly once, a household's visit before its confirmation, and Funding spends
/// every confirmed service once.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class OfflineCentreTests(CountyAppFixture county, ITestOutputHelper output)
{
    private const string Foziling = "341525101";
    private const string Centre = $"/api/townships/{Foziling}";
    private const int Households = 100;

    [Fact]
    public async Task Captures_taken_while_the_hub_and_broker_are_down_reach_the_hub_once_and_in_order()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var finance = await county.ClientForAsync("finance");
        var staff = await county.ClientForAsync("township-foziling");
        var households = new List<Guid>();
        for (var i = 0; i < Households; i++)
        {
            households.Add(await Assessments.RegisterAsync(caseworker, Foziling, "206"));
        }

        await MessagingHost.EventuallyAsync(async () =>
            (await Task.WhenAll(households.TakeLast(5).Select(h => caseworker.GetAsync($"/api/delivery/recipients/{h}")))).All(r => r.IsSuccessStatusCode),
            "Delivery knows the households");
        var project = await DeliveredOrders.FundAsync(county, Foziling, 10_000m);
        var orders = await DeliveredOrders.DeliverAsync(county, project, households);
        await MessagingHost.EventuallyAsync(async () =>
        {
            var toConfirm = (await staff.GetFromJsonAsync<JsonElement>($"{Centre}/worklist")).GetProperty("toConfirm").EnumerateArray()
                .Select(o => o.GetProperty("id").GetGuid()).ToHashSet();
            return orders.All(toConfirm.Contains);
        }, "the centre heard of every delivered service", TimeSpan.FromMinutes(2));

        var broker = county.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Select(r => r.Name).Single(n => n is ResourceNames.Messaging + "-server" || (n == ResourceNames.Messaging && !HasServer()));
        string[] down = [ResourceNames.Delivery, ResourceNames.Assessment, broker];
        await Task.WhenAll(down.Select(StopAsync));

        var taken = DateTimeOffset.UtcNow;
        for (var i = 0; i < Households; i++)
        {
            var visit = await staff.PostAsJsonAsync($"{Centre}/visits",
                new { householdId = households[i], place = "home", visitedAt = taken.AddMinutes(-30), finding = $"离线走访 {i}" });
            Assert.Equal(HttpStatusCode.Accepted, visit.StatusCode);
            var confirmation = await staff.PostAsJsonAsync($"{Centre}/work-orders/{orders[i]}/confirm", new { satisfaction = 4 });
            Assert.Equal(HttpStatusCode.Accepted, confirmation.StatusCode);
        }

        var waiting = await staff.GetFromJsonAsync<JsonElement>($"{Centre}/sync");
        output.WriteLine($"while down: {waiting}");
        Assert.True(waiting.GetProperty("pending").GetInt32() >= 2 * Households - 1, $"the captures wait at the centre: {waiting}");

        foreach (var resource in down.Reverse())
        {
            await StartAsync(resource);
        }

        await MessagingHost.EventuallyAsync(async () => (await staff.GetFromJsonAsync<JsonElement>($"{Centre}/sync")).GetProperty("pending").GetInt32() == 0,
            "every capture was forwarded once the hub was back", TimeSpan.FromMinutes(3));
        Assert.DoesNotContain((await staff.GetFromJsonAsync<JsonElement>($"{Centre}/sync")).GetProperty("conflicts").EnumerateArray(),
            c => households.Contains(c.GetProperty("householdId").GetGuid()));

        for (var i = 0; i < Households; i++)
        {
            var visits = await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{households[i]}/visits");
            var visit = Assert.Single(visits.EnumerateArray());
            Assert.Equal($"离线走访 {i}", visit.GetProperty("finding").GetString());
            var order = await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{orders[i]}");
            Assert.Equal("Confirmed", order.GetProperty("status").GetString());
            var confirmedAt = Assert.Single(order.GetProperty("steps").EnumerateArray(), s => s.GetProperty("to").GetString() == "Confirmed").GetProperty("at").GetDateTimeOffset();
            // In order per household: the visit was taken first, so it reached the hub first.
            Assert.True(visit.GetProperty("recordedAt").GetDateTimeOffset() <= confirmedAt, $"household {i}: the visit reached the hub after the confirmation");
        }

        await MessagingHost.EventuallyAsync(async () =>
        {
            var kpis = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?by=Project&projectCode={project}");
            return kpis.GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("key").GetString() == project
                && r.GetProperty("servicesConfirmed").GetInt32() == Households && r.GetProperty("confirmedThisMonth").GetDecimal() == Households * 10.00m);
        }, "Funding counted every confirmed service exactly once after the broker came back", TimeSpan.FromMinutes(2));
    }

    private bool HasServer() => county.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Any(r => r.Name == ResourceNames.Messaging + "-server");

    private async Task StopAsync(string resource)
    {
        await county.StopResourceAsync(resource);
        output.WriteLine($"{resource} stopped");
    }

    private async Task StartAsync(string resource)
    {
        await county.StartResourceAsync(resource);
        output.WriteLine($"{resource} healthy again");
    }
}
