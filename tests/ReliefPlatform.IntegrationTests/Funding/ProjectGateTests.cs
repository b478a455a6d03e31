using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>
/// A purchase project's stage holds: no contract before 立项; 验收's satisfaction is the platform's, from the project's
/// confirmations, never typed; once the project failed 验收 no contract, no order and no reservation is made under it —
/// through the contracts API, Delivery's work orders, the older commitments API, or an order made before Delivery heard
/// (refused its money: an unmet need, counted as such).
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ProjectGateTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";
    private static readonly string[] Documents = ["霍民〔2026〕30号"];

    [Fact]
    public async Task No_contract_before_initiation_and_nothing_new_under_a_project_that_failed_its_acceptance()
    {
        var finance = await county.ClientForAsync("finance");
        var admin = await county.ClientForAsync("county-admin");
        var caseworker = await county.ClientForAsync("caseworker");
        var supervisor = await county.ClientForAsync("supervisor");
        var code = $"GT-{Guid.NewGuid():N}"[..12];
        var item = $"gate-{Guid.NewGuid():N}"[..16];

        Assert.Equal("该年度没有这个购买项目，须先申请立项并经审批。", await ContractRefusalAsync(finance, code, item));
        var project = await PurchaseProjects.ProposeAsync(county, code, Foziling, item);
        Assert.Equal("该购买项目尚未立项（立项申请待审批），不能签订合同。", await ContractRefusalAsync(finance, code, item));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/projects/{project}/stages/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AwardAsync(finance, code, item)).StatusCode);
        await Budgets.AllocateAsync(county, code, Foziling, 500.00m);

        await StageAsync(finance, admin, project, new { stage = "MidTermReviewed", findings = "进度滞后", documents = Documents });

        // 验收: satisfaction is computed from the project's confirmations (none here: 0 of 30), never typed by hand.
        var typed = await finance.PostAsJsonAsync($"/api/funding/projects/{project}/stages",
            new { stage = "Accepted", findings = "验收", documents = Documents, scores = new { completion = 10, satisfaction = 30, funds = 10, records = 10 } });
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.True((await typed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scores.satisfaction", out _));
        var accepted = await StageAsync(finance, admin, project,
            new { stage = "Accepted", findings = "服务基本未开展", documents = Documents, scores = new { completion = 10, funds = 10, records = 10 } });
        Assert.Equal(("Accepted", "Fail"), (accepted.GetProperty("stage").GetString(), accepted.GetProperty("outcome").GetString()));
        var scores = accepted.GetProperty("history").EnumerateArray().Last().GetProperty("scores");
        Assert.Equal((0, 30), (scores.GetProperty("satisfaction").GetInt32(), accepted.GetProperty("history").EnumerateArray().Last().GetProperty("total").GetInt32()));

        // Failed: no new contract, no reservation by hand, and a new order under it is refused its money.
        Assert.Equal("该购买项目验收未通过或已结项，不能再签订合同。", await ContractRefusalAsync(finance, code, item));
        var byHand = await finance.PostAsJsonAsync("/api/funding/commitments",
            new { reference = $"gate-{Guid.NewGuid():N}", year = Budgets.Year, projectCode = code, townshipCode = Foziling, itemCode = item, amount = 20.00m });
        Assert.Equal(HttpStatusCode.Conflict, byHand.StatusCode);
        Assert.Equal("application/problem+json", byHand.Content.Headers.ContentType?.MediaType);
        Assert.Equal("该购买项目验收未通过或已结项，不能再预留资金。", (await byHand.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // Delivery hears of the failure and refuses a new order under the project, field by field.
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "206");
        var order = new
        {
            householdId = household, itemCode = item, providerId = DemoCounty.ProviderId, year = Budgets.Year, projectCode = code, units = 1, unitPrice = 20.00m,
            standardMinutes = 0,
        };
        HttpResponseMessage? refused = null;
        await MessagingHost.EventuallyAsync(async () =>
        {
            refused = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", order);
            return refused.StatusCode == HttpStatusCode.BadRequest;
        }, "Delivery refuses new orders under the failed project");
        Assert.Equal("application/problem+json", refused!.Content.Headers.ContentType?.MediaType);
        Assert.Equal("该购买项目验收未通过或已结项，不再派发新工单（已派发的工单照常完成）。",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("projectCode")[0].GetString());

        // An order Delivery made before it heard (here: announced straight on the broker) is refused its money: an unmet need.
        var late = $"late-{Guid.NewGuid():N}"[..16];
        using (var host = await MessagingHost.CreateAsync(county, $"gate-{Guid.NewGuid():N}"[..16]))
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IBus>().Publish(new WorkOrderCreated(
                Guid.NewGuid(), household, Foziling, late, DemoCounty.ProviderId, Budgets.Year, code, 1, 20.00m, 20.00m, DateTimeOffset.UtcNow));
            JsonElement row = default;
            await MessagingHost.EventuallyAsync(async () =>
            {
                row = (await supervisor.GetFromJsonAsync<JsonElement>("/api/funding/kpis?by=Item")).GetProperty("rows").EnumerateArray()
                    .FirstOrDefault(r => r.GetProperty("key").GetString() == late);
                // The order's fact and its refusal are recorded by two consumers of the same event: wait for both.
                return row.ValueKind == JsonValueKind.Object && row.GetProperty("unmetNeeds").GetInt32() == 1 && row.GetProperty("ordersCreated").GetInt32() == 1;
            }, "the order refused its money counts as an unmet need");
            Assert.Equal((1, 0m), (row.GetProperty("ordersCreated").GetInt32(), row.GetProperty("committedThisMonth").GetDecimal()));
            await host.StopAsync();
        }

        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={code}"))[0];
        Assert.Equal((0m, 500.00m), (line.GetProperty("committed").GetDecimal(), line.GetProperty("available").GetDecimal()));
    }

    private static async Task<string?> ContractRefusalAsync(HttpClient finance, string code, string item)
    {
        var refused = await AwardAsync(finance, code, item);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        return (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("projectCode")[0].GetString();
    }

    private static Task<HttpResponseMessage> AwardAsync(HttpClient finance, string code, string item) =>
        finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"GTHT-{Guid.NewGuid():N}"[..16], year = Budgets.Year, projectCode = code, providerId = DemoCounty.ProviderId, townships = new[] { Foziling },
            from = $"{Budgets.Year}-01-01", until = $"{Budgets.Year}-12-31", items = new[] { new { itemCode = item, unitPrice = 20.00m, quantityCap = 10 } },
        });

    private static async Task<JsonElement> StageAsync(HttpClient finance, HttpClient admin, Guid project, object proposal)
    {
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsJsonAsync($"/api/funding/projects/{project}/stages", proposal)).StatusCode);
        var approved = await admin.PostAsync($"/api/funding/projects/{project}/stages/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return await approved.Content.ReadFromJsonAsync<JsonElement>();
    }
}
