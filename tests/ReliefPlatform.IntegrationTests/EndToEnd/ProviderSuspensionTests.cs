using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Provider;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// A suspended provider keeps no work it has not started: its order with another contracted provider under the same
/// project and price goes to that provider; the one with nobody to take it is cancelled with the reason, its money
/// released — and the township centre follows both.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ProviderSuspensionTests(CountyAppFixture county) : EventListeningTests(county, typeof(WorkOrderCancelled), typeof(WorkOrderReassigned))
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task A_suspended_providers_open_orders_go_to_another_contracted_provider_or_are_cancelled_with_the_reason()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var finance = await County.ClientForAsync("finance");
        var township = await County.ClientForAsync("township-foziling");
        var project = $"SU-{Guid.NewGuid():N}"[..12];
        var suspended = (await Providers.OnboardAsync(County, "elderly-care-organisation")).ToString();
        var standIn = $"standin-{Guid.NewGuid():N}"[..20];

        await Budgets.AllocateAsync(County, project, Foziling, 1000.00m);
        await PurchaseProjects.InitiateAsync(County, project, Foziling, "daily-care", "bathing-assistance");
        await AwardAsync(finance, project, suspended, ("daily-care", 50.00m), ("bathing-assistance", 80.00m));
        await AwardAsync(finance, project, standIn, ("daily-care", 50.00m));
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "202");

        var care = await OrderAsync(caseworker, household, suspended, "daily-care");
        var bathing = await OrderAsync(caseworker, household, suspended, "bathing-assistance");
        await MessagingHost.EventuallyAsync(async () => (await OrderOf(caseworker, care)).GetProperty("status").GetString() == "Assigned"
            && (await OrderOf(caseworker, bathing)).GetProperty("status").GetString() == "Assigned", "both orders were funded and assigned");

        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{suspended}/suspend", new { reason = "服务质量投诉核查期间暂停" })).StatusCode);

        await MessagingHost.EventuallyAsync(async () => (await OrderOf(caseworker, care)).GetProperty("providerId").GetString() == standIn,
            "the daily care went to the other contracted provider");
        var moved = await OrderOf(caseworker, care);
        Assert.Equal("Assigned", moved.GetProperty("status").GetString());
        await MessagingHost.EventuallyAsync(async () => (await OrderOf(caseworker, bathing)).GetProperty("status").GetString() == "Cancelled",
            "the bathing nobody else is contracted for was cancelled");
        await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<WorkOrderCancelled>().Any(e => e.WorkOrderId == bathing)
            && Events.Received<WorkOrderReassigned>().Any(e => e.WorkOrderId == care)), "both were announced");
        Assert.Equal("provider-suspended", Events.Received<WorkOrderCancelled>().Single(e => e.WorkOrderId == bathing).ReasonCode);
        var reassigned = Events.Received<WorkOrderReassigned>().Single(e => e.WorkOrderId == care);
        Assert.Equal((suspended, standIn, "provider-suspended"), (reassigned.FromProviderId, reassigned.ToProviderId, reassigned.ReasonCode));

        // Funding released the cancelled order's 80; the moved one stays reserved at its price.
        await MessagingHost.EventuallyAsync(async () =>
            (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0].GetProperty("committed").GetDecimal() == 50.00m,
            "Funding released the cancelled order's money");

        // The township is told: its picture of the household follows both.
        await MessagingHost.EventuallyAsync(async () =>
        {
            var orders = (await township.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/households/{household}")).GetProperty("workOrders").EnumerateArray().ToList();
            return orders.Any(o => o.GetProperty("id").GetGuid() == care && o.GetProperty("providerId").GetString() == standIn)
                && orders.Any(o => o.GetProperty("id").GetGuid() == bathing && o.GetProperty("status").GetString() == "Cancelled");
        }, "the township centre follows the moved and the cancelled order");
    }

    [Fact]
    public async Task No_order_is_moved_past_the_new_providers_contract_cap_by_hand_or_by_a_suspension()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var finance = await County.ClientForAsync("finance");
        var project = $"SC-{Guid.NewGuid():N}"[..12];
        var suspended = (await Providers.OnboardAsync(County, "elderly-care-organisation")).ToString();
        var standIn = $"standin-{Guid.NewGuid():N}"[..20];

        await Budgets.AllocateAsync(County, project, Foziling, 1000.00m);
        await PurchaseProjects.InitiateAsync(County, project, Foziling, "daily-care");
        await AwardAsync(finance, project, suspended, ("daily-care", 50.00m));
        await AwardAsync(finance, project, standIn, ("daily-care", 50.00m));
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "203");

        // The stand-in's contract (cap 10) has one unit left; the suspended provider's order is for two.
        var standInsOwn = await OrderAsync(caseworker, household, standIn, "daily-care", units: 9);
        var care = await OrderAsync(caseworker, household, suspended, "daily-care", units: 2);
        await MessagingHost.EventuallyAsync(async () => (await OrderOf(caseworker, care)).GetProperty("status").GetString() == "Assigned"
            && (await OrderOf(caseworker, standInsOwn)).GetProperty("status").GetString() == "Assigned", "both orders were funded and assigned");

        var byHand = await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{care}/reassign", new { providerId = standIn, reason = "provider-unavailable" });
        Assert.Equal(HttpStatusCode.BadRequest, byHand.StatusCode);
        Assert.Equal("application/problem+json", byHand.Content.Headers.ContentType?.MediaType);
        var refusal = (await byHand.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("providerId")[0].GetString();
        Assert.Contains("剩余数量 1", refusal, StringComparison.Ordinal);
        Assert.Equal(suspended, (await OrderOf(caseworker, care)).GetProperty("providerId").GetString());

        // Suspended, its provider's order has nobody with room to take it: cancelled, its money released — never past the cap.
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/provider/providers/{suspended}/suspend", new { reason = "资质核查期间暂停" })).StatusCode);
        await MessagingHost.EventuallyAsync(async () => (await OrderOf(caseworker, care)).GetProperty("status").GetString() == "Cancelled",
            "the order no contract had room for was cancelled");
        Assert.Equal(suspended, (await OrderOf(caseworker, care)).GetProperty("providerId").GetString());
        await MessagingHost.EventuallyAsync(async () =>
            (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0].GetProperty("committed").GetDecimal() == 450.00m,
            "Funding released the cancelled order's money");
    }

    private static async Task AwardAsync(HttpClient finance, string project, string provider, params (string Item, decimal Price)[] items)
    {
        var year = Budgets.Year;
        var awarded = await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"SUHT-{Guid.NewGuid():N}"[..16], year, projectCode = project, providerId = provider, townships = new[] { Foziling },
            from = $"{year}-01-01", until = $"{year}-12-31", items = items.Select(i => new { itemCode = i.Item, unitPrice = i.Price, quantityCap = 10 }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.Created, awarded.StatusCode);
    }

    /// <summary>A contract-priced order (Delivery learns the contract from its event first).</summary>
    private static async Task<Guid> OrderAsync(HttpClient caseworker, Guid household, string provider, string item, int units = 1)
    {
        HttpResponseMessage? created = null;
        await MessagingHost.EventuallyAsync(async () =>
        {
            created = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new { householdId = household, itemCode = item, providerId = provider, units, standardMinutes = 0 });
            return created.StatusCode == HttpStatusCode.Created;
        }, "Delivery learned the contract");
        return (await created!.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> OrderOf(HttpClient client, Guid order) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}");
}
