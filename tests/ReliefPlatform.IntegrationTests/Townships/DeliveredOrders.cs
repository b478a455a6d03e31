using ReliefPlatform.ServiceDefaults.County;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.Townships;

/// <summary>Work orders taken through the hub to "delivered", so a township centre has something to confirm.</summary>
internal static class DeliveredOrders
{
    private static readonly string[] Staff = ["S-001"];

    /// <summary>Funds a project in <paramref name="township"/> for the orders to come.</summary>
    public static async Task<string> FundAsync(CountyAppFixture county, string township, decimal amount = 100_000m)
    {
        var project = $"TS-{Guid.NewGuid():N}"[..12];
        await Budgets.AllocateAsync(county, project, township, amount);
        return project;
    }

    /// <summary>Orders one daily-care service (10 yuan) for each household and takes it to delivered: funded, scheduled, checked in and out by provider-demo.</summary>
    public static async Task<List<Guid>> DeliverAsync(CountyAppFixture county, string project, IEnumerable<Guid> households)
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var provider = await county.ClientForAsync("provider-demo");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var orders = new List<Guid>();
        foreach (var household in households)
        {
            var created = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
            {
                householdId = household, itemCode = "daily-care", providerId = DemoCounty.ProviderId, year, projectCode = project, units = 1, unitPrice = 10.00m,
                standardMinutes = 0,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            orders.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        foreach (var order in orders)
        {
            await MessagingHost.EventuallyAsync(async () =>
                (await provider.PostAsJsonAsync($"/api/delivery/work-orders/{order}/schedule", new { on = today })).StatusCode == HttpStatusCode.OK,
                "Funding reserved the money and the provider scheduled the order");
            Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/delivery/work-orders/{order}/check-in", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/delivery/work-orders/{order}/check-out", new { units = 1, record = "协助起居", staff = Staff })).StatusCode);
        }

        return orders;
    }
}
