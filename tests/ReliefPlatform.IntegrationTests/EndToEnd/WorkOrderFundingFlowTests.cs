using ReliefPlatform.ServiceDefaults.County;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Townships;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// The money loop through real events: a work order asks Funding for money, is assigned when it is reserved,
/// delivered by the provider's own staff, confirmed by the township — and Funding keeps exactly the confirmed amount
/// reserved until the provider's statement is paid (ProviderPaymentTests); a cancelled order's money returns; a
/// redelivered order reserves nothing twice.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class WorkOrderFundingFlowTests(CountyAppFixture county) : EventListeningTests(county, typeof(FundsCommitted))
{
    // 佛子岭镇: the security matrix aims at 衡山镇 as provider-demo, who legitimately sees this test's order.
    private const string Foziling = "341525101";

    private static readonly string[] NotInTheStandard = ["打扫卫生"];
    private static readonly string[] TwoStaff = ["S-001", "S-002"];
    private static readonly string[] DailyCareContent = ["协助起居", "个人卫生护理", "安全照看"];

    [Fact]
    public async Task A_confirmed_service_stays_reserved_until_paid_a_cancelled_one_releases_it_and_providers_see_only_their_own_orders()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var finance = await County.ClientForAsync("finance");
        var provider = await County.ClientForAsync("provider-demo");
        var township = await County.ClientForAsync("township-foziling");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var project = $"WO-{Guid.NewGuid():N}"[..12];

        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "206");
        await Budgets.AllocateAsync(County, project, Foziling, 1000.00m);

        var mine = await CreateAsync(caseworker, household, DemoCounty.ProviderId, year, project, units: 4, DailyCareContent);
        var theirs = await CreateAsync(caseworker, household, "another-provider", year, project, units: 1);
        await MessagingHost.EventuallyAsync(async () => await StatusAsync(caseworker, mine) == "Assigned" && await StatusAsync(caseworker, theirs) == "Assigned",
            "Funding reserved the money and Delivery assigned both orders");
        await LineAsync(finance, project, committed: 300.00m, spent: 0m);

        // The same order arriving again is answered again, and reserves nothing twice.
        using (var redelivery = await MessagingHost.CreateAsync(County, $"redeliver-{Guid.NewGuid():N}"[..20]))
        {
            await redelivery.StartAsync();
            await redelivery.Services.GetRequiredService<IBus>().Publish(new WorkOrderCreated(
                mine, household, Foziling, "daily-care", DemoCounty.ProviderId, year, project, 4, 60.00m, 240.00m, DateTimeOffset.UtcNow));
            await MessagingHost.EventuallyAsync(() => Task.FromResult(Events.Received<FundsCommitted>().Count(e => e.Reference == mine.ToString()) >= 2),
                "Funding answered the redelivered order");
            await redelivery.StopAsync();
        }

        await LineAsync(finance, project, committed: 300.00m, spent: 0m);

        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/delivery/work-orders/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.PostAsync($"/api/delivery/work-orders/{theirs}/check-in", null)).StatusCode);
        Assert.Equal([mine], (await provider.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await (await County.ClientForAsync("township-hengshan")).GetAsync($"/api/delivery/work-orders/{mine}")).StatusCode);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/delivery/work-orders/{mine}/schedule", new { on = today.ToString("yyyy-MM-dd") })).StatusCode);
        var early = await township.PostAsJsonAsync($"/api/delivery/work-orders/{mine}/confirm", new { satisfaction = 5 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var refusal = await early.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("只有已服务的工单可以确认。", refusal.GetProperty("title").GetString());
        Assert.Equal(["schedule", "check-in", "reassign", "cancel"], refusal.GetProperty("allowedMoves").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/delivery/work-orders/{mine}/check-in", new { latitude = 31.3929, longitude = 116.3330 })).StatusCode);

        // The service record: a wrong one is refused field by field and changes nothing; an incomplete one is kept and flagged.
        var wrong = await provider.PostAsJsonAsync($"/api/delivery/work-orders/{mine}/check-out",
            new { units = 4, record = "记录", contentDone = NotInTheStandard, staff = Array.Empty<string>(), place = "moon" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongFields = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("不是该事项服务标准的必含内容", wrongFields.GetProperty("contentDone")[0].GetString(), StringComparison.Ordinal);
        Assert.True(wrongFields.TryGetProperty("staff", out _) && wrongFields.TryGetProperty("place", out _));
        Assert.Equal("InProgress", await StatusAsync(caseworker, mine));
        var delivered = await provider.PostAsJsonAsync($"/api/delivery/work-orders/{mine}/check-out", new
        {
            units = 4, record = "协助起居、个人卫生护理", contentDone = DailyCareContent[..2], staff = TwoStaff,
            place = "home", latitude = 31.3950, longitude = 116.3350,
        });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var record = await delivered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["missing-content", "no-evidence"], record.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        // Where the service happened is not kept — only how far the device moved between check-in and check-out (≈ 300 m here).
        Assert.InRange(record.GetProperty("movedMetres").GetInt32(), 250, 350);
        var supervisor = await County.ClientForAsync("supervisor");
        Assert.Contains(mine, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?flagged=true&providerId={DemoCounty.ProviderId}")).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(mine, (await supervisor.GetFromJsonAsync<JsonElement>("/api/delivery/work-orders?flagged=true&providerId=another-provider")).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        await MessagingHost.EventuallyAsync(async () => (await supervisor.GetFromJsonAsync<JsonElement>("/api/funding/kpis?by=Provider"))
            .GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("key").GetString() == DemoCounty.ProviderId && r.GetProperty("recordsIncomplete").GetInt32() >= 1),
            "supervision counts the incomplete record against the provider");
        var confirmed = await township.PostAsJsonAsync($"/api/delivery/work-orders/{mine}/confirm", new { satisfaction = 5 });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{theirs}/cancel", new { reason = "plan-changed" })).StatusCode);

        await MessagingHost.EventuallyAsync(async () => await LineMatchesAsync(finance, project, committed: 240.00m, spent: 0m),
            "Funding released the cancelled order and keeps the confirmed one reserved until its provider is paid");
        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0];
        Assert.Equal(760.00m, line.GetProperty("available").GetDecimal());
        await MessagingHost.EventuallyAsync(async () => (await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?by=Project&projectCode={project}"))
            .GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("key").GetString() == project && r.GetProperty("confirmedThisMonth").GetDecimal() == 240.00m
                && r.GetProperty("paidThisMonth").GetDecimal() == 0m),
            "the KPIs count the service as confirmed, not paid");
    }

    [Fact]
    public async Task An_awarded_contract_prices_work_orders_and_caps_their_units()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var finance = await County.ClientForAsync("finance");
        var year = DateTime.UtcNow.AddHours(8).Year;
        var provider = $"contracted-{Guid.NewGuid():N}"[..24];
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "205");
        var order = new { householdId = household, itemCode = "daily-care", providerId = provider, units = 3, standardMinutes = 120 };

        var uncovered = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", order);
        Assert.Equal(HttpStatusCode.BadRequest, uncovered.StatusCode);
        Assert.True((await uncovered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("unitPrice", out _));

        // The project has money, so the priced order is funded (a rejected order would free its units again).
        var project = $"FZ-{Guid.NewGuid():N}"[..12];
        await Budgets.AllocateAsync(County, project, Foziling, 1000.00m);
        await PurchaseProjects.InitiateAsync(County, project, Foziling, "daily-care");
        var awarded = await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"FZL-{Guid.NewGuid():N}"[..16], year, projectCode = project, providerId = provider, townships = new[] { Foziling },
            from = $"{year}-01-01", until = $"{year}-12-31", items = new[] { new { itemCode = "daily-care", unitPrice = 55.50m, quantityCap = 5 } },
        });
        Assert.Equal(HttpStatusCode.Created, awarded.StatusCode);

        HttpResponseMessage? created = null;
        await MessagingHost.EventuallyAsync(async () =>
        {
            created = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", order);
            return created.StatusCode == HttpStatusCode.Created;
        }, "Delivery learned the contract");
        var priced = await created!.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(55.50m, priced.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(166.50m, priced.GetProperty("amount").GetDecimal());
        Assert.Equal(project, priced.GetProperty("projectCode").GetString());
        await MessagingHost.EventuallyAsync(async () => await StatusAsync(caseworker, priced.GetProperty("id").GetGuid()) == "Assigned", "the priced order was funded");

        var overCap = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", order);
        Assert.Equal(HttpStatusCode.BadRequest, overCap.StatusCode);
        Assert.Contains("剩余 2", (await overCap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("units")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_is_reassigned_before_the_service_starts_and_the_first_provider_loses_it()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var provider = await County.ClientForAsync("provider-demo");
        var township = await County.ClientForAsync("township-foziling");
        var project = $"RA-{Guid.NewGuid():N}"[..12];
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "202");
        await Budgets.AllocateAsync(County, project, Foziling, 500.00m);
        var order = await CreateAsync(caseworker, household, DemoCounty.ProviderId, DateTime.UtcNow.AddHours(8).Year, project, units: 2);
        await MessagingHost.EventuallyAsync(async () => await StatusAsync(caseworker, order) == "Assigned", "Funding reserved the money");
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/delivery/work-orders/{order}")).StatusCode);

        var noReason = await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{order}/reassign", new { providerId = "another-provider", reason = "because" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var moved = await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{order}/reassign", new { providerId = "another-provider", reason = "provider-unavailable" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var view = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("another-provider", view.GetProperty("providerId").GetString());
        Assert.Equal("Assigned", view.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/delivery/work-orders/{order}")).StatusCode);
        await MessagingHost.EventuallyAsync(async () =>
        {
            var picture = await township.GetFromJsonAsync<JsonElement>($"/api/townships/{Foziling}/households/{household}");
            return picture.GetProperty("workOrders").EnumerateArray().Any(o => o.GetProperty("id").GetGuid() == order && o.GetProperty("providerId").GetString() == "another-provider");
        }, "the township centre follows the order to its new provider");
    }

    [Fact]
    public async Task The_provider_takes_the_recipients_confirmation_with_the_households_one_time_code()
    {
        var caseworker = await County.ClientForAsync("caseworker");
        var provider = await County.ClientForAsync("provider-demo");
        var visitor = await County.ClientForAsync("visitor-foziling");
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "203");
        var project = await DeliveredOrders.FundAsync(County, Foziling, 100m);
        var order = (await DeliveredOrders.DeliverAsync(County, project, [household])).Single();

        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostAsync($"/api/delivery/work-orders/{order}/confirmation-code", null)).StatusCode);
        var issued = await visitor.PostAsync($"/api/delivery/work-orders/{order}/confirmation-code", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Matches("^[0-9]{6}$", code);
        var wrong = code == "000000" ? "111111" : "000000";

        var refused = await provider.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm-by-code", new { code = wrong, satisfaction = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("确认码不正确（还可尝试 4 次）。", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("code")[0].GetString());
        var confirmed = await provider.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm-by-code", new { code, satisfaction = 5 });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var view = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Confirmed", "code"), (view.GetProperty("status").GetString(), view.GetProperty("confirmedVia").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await provider.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm-by-code", new { code, satisfaction = 5 })).StatusCode);

        await MessagingHost.EventuallyAsync(async () => (await (await County.ClientForAsync("supervisor")).GetFromJsonAsync<JsonElement>($"/api/funding/kpis?by=Project&projectCode={project}"))
            .GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("key").GetString() == project && r.GetProperty("confirmedThisMonth").GetDecimal() == 10.00m),
            "Funding counts the service confirmed by code");
    }

    private static async Task<Guid> CreateAsync(HttpClient client, Guid household, string provider, int year, string project, int units, string[]? requiredContent = null)
    {
        var response = await client.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "daily-care", providerId = provider, year, projectCode = project, units, unitPrice = 60.00m, standardMinutes = 0,
            requiredContent,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AwaitingFunds", order.GetProperty("status").GetString());
        return order.GetProperty("id").GetGuid();
    }

    private static async Task<string?> StatusAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders/{order}")).GetProperty("status").GetString();

    private static async Task<bool> LineMatchesAsync(HttpClient finance, string project, decimal committed, decimal spent)
    {
        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0];
        return line.GetProperty("committed").GetDecimal() == committed && line.GetProperty("spent").GetDecimal() == spent;
    }

    private static async Task LineAsync(HttpClient finance, string project, decimal committed, decimal spent) =>
        Assert.True(await LineMatchesAsync(finance, project, committed, spent), $"the line should have {committed} committed and {spent} spent");
}
