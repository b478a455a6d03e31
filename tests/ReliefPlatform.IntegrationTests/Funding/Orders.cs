using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>Work orders that cost money, placed by a caseworker: 日间照料 by the demo provider at 60 yuan a session.</summary>
internal static class Orders
{
    public static async Task<Guid> PlaceAsync(HttpClient caseworker, Guid household, string project, int units)
    {
        var response = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "daily-care", providerId = DemoCounty.ProviderId, year = Budgets.Year, projectCode = project, units,
            unitPrice = 60.00m, standardMinutes = 0,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<string?> StatusAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("status").GetString();

    /// <summary>Waits until Funding reserved the money and Delivery assigned the order.</summary>
    public static Task AssignedAsync(HttpClient client, Guid order) =>
        MessagingHost.EventuallyAsync(async () => await StatusAsync(client, order) == "Assigned", "Funding reserved the money and Delivery assigned the order");
}
