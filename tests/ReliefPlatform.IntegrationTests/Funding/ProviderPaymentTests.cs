using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.IntegrationTests.Townships;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>
/// Paying providers through the gateway: the month's confirmed services of a contract become the provider's statement, a
/// flagged record is held until finance deducts from it with a reason, a second person approves, and a payment batch with a
/// voucher number pays exactly the statement — only then is the money spent on the budget line. Providers' staff read their
/// own statements only; a statement for another provider's contract, paying more than the statement, approving one's own
/// statement, paying an unapproved one and spending a confirmed service outside a statement are all refused.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ProviderPaymentTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";
    private static readonly string[] Staff = ["S-001"];
    private static readonly string[] Evidence = ["PH-20261130-001"];

    [Fact]
    public async Task A_provider_is_paid_its_approved_statement_in_a_payment_batch_and_the_budget_line_spends_it()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var finance = await county.ClientForAsync("finance");
        var admin = await county.ClientForAsync("county-admin");
        var supervisor = await county.ClientForAsync("supervisor");
        var provider = await county.ClientForAsync("provider-demo");
        var township = await county.ClientForAsync("township-foziling");
        var year = Budgets.Year;
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var project = $"PY-{Guid.NewGuid():N}"[..12];
        var otherProvider = $"other-{Guid.NewGuid():N}"[..20];

        await Budgets.AllocateAsync(county, project, Foziling, 1000.00m);
        await PurchaseProjects.InitiateAsync(county, project, Foziling, "daily-care");
        var contract = await AwardAsync(finance, project, DemoCounty.ProviderId);
        var otherContract = await AwardAsync(finance, project, otherProvider);

        // Three services confirmed this month: one flagged (no evidence, no position), one clean, one by another provider.
        var first = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "204");
        var second = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "205");
        var flagged = (await DeliveredOrders.DeliverAsync(county, project, [first])).Single();
        var clean = await DeliverCleanAsync(caseworker, provider, second, DemoCounty.ProviderId, project);
        var theirs = await DeliverCleanAsync(caseworker, caseworker, second, otherProvider, project);
        foreach (var order in new[] { flagged, clean, theirs })
        {
            Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction = 5 })).StatusCode);
        }

        await MessagingHost.EventuallyAsync(async () => (await KpiRowAsync(supervisor, project)) is { } row && row.GetProperty("servicesConfirmed").GetInt32() == 3,
            "Funding heard the three confirmations");

        // A statement for the provider on another provider's contract is refused field by field; provider staff draw none.
        var mismatched = await finance.PostAsJsonAsync("/api/funding/statements", new { providerId = DemoCounty.ProviderId, contractId = otherContract, month });
        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        Assert.Equal("application/problem+json", mismatched.Content.Headers.ContentType?.MediaType);
        Assert.Equal("该合同不是该服务主体的合同，不能为其结算。",
            (await mismatched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("contractId")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await provider.PostAsJsonAsync("/api/funding/statements", new { providerId = DemoCounty.ProviderId, contractId = contract, month })).StatusCode);

        var drawn = await finance.PostAsJsonAsync("/api/funding/statements", new { providerId = DemoCounty.ProviderId, contractId = contract, month });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var statement = await drawn.Content.ReadFromJsonAsync<JsonElement>();
        var id = statement.GetProperty("id").GetGuid();
        Assert.Equal((20.00m, 10.00m, 1), (statement.GetProperty("total").GetDecimal(), statement.GetProperty("payable").GetDecimal(), statement.GetProperty("held").GetInt32()));
        var held = statement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("workOrderId").GetGuid() == flagged);
        Assert.Equal("Held", held.GetProperty("review").GetString());
        Assert.Contains("no-evidence", held.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("Payable", statement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("workOrderId").GetGuid() == clean).GetProperty("review").GetString());

        // The same services never go on a second statement.
        Assert.Equal(HttpStatusCode.BadRequest,
            (await finance.PostAsJsonAsync("/api/funding/statements", new { providerId = DemoCounty.ProviderId, contractId = contract, month })).StatusCode);
        var theirStatement = await finance.PostAsJsonAsync("/api/funding/statements", new { providerId = otherProvider, contractId = otherContract, month });
        Assert.Equal(HttpStatusCode.Created, theirStatement.StatusCode);
        var theirId = (await theirStatement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Not approvable while a record is held; an unapproved statement is not paid.
        var early = await admin.PostAsync($"/api/funding/statements/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("未审核", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        var unapproved = await PayAsync(finance, id, 10.00m);
        Assert.Equal(HttpStatusCode.BadRequest, unapproved.StatusCode);
        Assert.Equal("结算单尚未经第二人审批，不能拨付。",
            (await unapproved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("payments[0].statementId")[0].GetString());

        var noReason = await finance.PostAsJsonAsync($"/api/funding/statements/{id}/lines/{flagged}/deduct", new { amount = 4.00m });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var deducted = await finance.PostAsJsonAsync($"/api/funding/statements/{id}/lines/{flagged}/deduct", new { amount = 4.00m, reason = "无服务照片和定位，按记录核减" });
        Assert.Equal(HttpStatusCode.OK, deducted.StatusCode);
        Assert.Equal(16.00m, (await deducted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("payable").GetDecimal());

        var own = await finance.PostAsync($"/api/funding/statements/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal("编制结算单的人不能审批自己的结算单，须由另一人审批。", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/statements/{id}/approve", null)).StatusCode);

        // The older way round the statement — spending a confirmed service's reservation by hand — is refused.
        var bypass = await finance.PostAsJsonAsync($"/api/funding/commitments/{clean}/spend", new { amount = 10.00m });
        Assert.Equal(HttpStatusCode.Conflict, bypass.StatusCode);
        Assert.Equal("application/problem+json", bypass.Content.Headers.ContentType?.MediaType);

        var tooMuch = await PayAsync(finance, id, 20.00m);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Equal("拨付金额超出结算单应付金额（16.00 元）。",
            (await tooMuch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("payments[0].amount")[0].GetString());
        await LineIsAsync(finance, project, committed: 30.00m, spent: 0m);

        var voucher = $"PZ-{Guid.NewGuid():N}"[..14];
        var paid = await PayAsync(finance, id, 16.00m, voucher);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(16.00m, (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetDecimal());
        // 10 spent for the clean service, 6 for the flagged one (its 4 back to available); the other provider's 10 stays reserved.
        await LineIsAsync(finance, project, committed: 10.00m, spent: 16.00m);
        Assert.Equal(974.00m, (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0].GetProperty("available").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, (await PayAsync(finance, id, 16.00m)).StatusCode);

        // Provider staff see their own statement, paid with its voucher, and nothing of another provider's.
        var mine = await provider.GetFromJsonAsync<JsonElement>($"/api/funding/statements/{id}");
        Assert.Equal(("Paid", voucher), (mine.GetProperty("status").GetString(), mine.GetProperty("voucherNumber").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"/api/funding/statements/{theirId}")).StatusCode);
        var listed = (await provider.GetFromJsonAsync<JsonElement>($"/api/funding/statements?month={month}")).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(id, listed);
        Assert.DoesNotContain(theirId, listed);
        Assert.Empty((await provider.GetFromJsonAsync<JsonElement>($"/api/funding/statements?providerId={otherProvider}")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await county.ClientForAsync("township-foziling")).GetAsync($"/api/funding/statements/{id}")).StatusCode);

        // The KPIs keep committed, confirmed and paid apart.
        var kpi = await KpiRowAsync(supervisor, project);
        Assert.Equal((30.00m, 30.00m, 16.00m),
            (kpi!.Value.GetProperty("committedThisMonth").GetDecimal(), kpi.Value.GetProperty("confirmedThisMonth").GetDecimal(), kpi.Value.GetProperty("paidThisMonth").GetDecimal()));

        var audit = (await supervisor.GetFromJsonAsync<JsonElement>("/api/funding/audit")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("subject").GetString() == $"statement:{id}").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["statement.approve", "statement.deduct", "statement.draw"], audit.Order(StringComparer.Ordinal));
    }

    internal static async Task<Guid> AwardAsync(HttpClient finance, string project, string provider)
    {
        var year = Budgets.Year;
        var awarded = await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"PYHT-{Guid.NewGuid():N}"[..16], year, projectCode = project, providerId = provider, townships = new[] { Foziling },
            from = $"{year}-01-01", until = $"{year}-12-31", items = new[] { new { itemCode = "daily-care", unitPrice = 10.00m, quantityCap = 100 } },
        });
        Assert.Equal(HttpStatusCode.Created, awarded.StatusCode);
        return (await awarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>An order taken to delivered with a complete record (evidence, a remote service needs no position): nothing to flag.</summary>
    internal static async Task<Guid> DeliverCleanAsync(HttpClient caseworker, HttpClient deliverer, Guid household, string provider, string project)
    {
        var created = await caseworker.PostAsJsonAsync("/api/delivery/work-orders", new
        {
            householdId = household, itemCode = "daily-care", providerId = provider, year = Budgets.Year, projectCode = project, units = 1, unitPrice = 10.00m,
            standardMinutes = 0,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await MessagingHost.EventuallyAsync(async () =>
            (await deliverer.PostAsJsonAsync($"/api/delivery/work-orders/{order}/schedule", new { on = today })).StatusCode == HttpStatusCode.OK,
            "Funding reserved the money and the order was scheduled");
        Assert.Equal(HttpStatusCode.OK, (await deliverer.PostAsync($"/api/delivery/work-orders/{order}/check-in", null)).StatusCode);
        var checkedOut = await deliverer.PostAsJsonAsync($"/api/delivery/work-orders/{order}/check-out",
            new { units = 1, record = "电话随访，协助安排起居", staff = Staff, evidence = Evidence, place = "remote" });
        Assert.Equal(HttpStatusCode.OK, checkedOut.StatusCode);
        Assert.Empty((await checkedOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags").EnumerateArray());
        return order;
    }

    private static Task<HttpResponseMessage> PayAsync(HttpClient finance, Guid statement, decimal amount, string? voucher = null) =>
        finance.PostAsJsonAsync("/api/funding/payment-batches", new
        {
            voucherNumber = voucher ?? $"PZ-{Guid.NewGuid():N}"[..14],
            paidOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            payments = new[] { new { statementId = statement, amount } },
        });

    private static async Task<JsonElement?> KpiRowAsync(HttpClient supervisor, string project)
    {
        var rows = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?by=Project&projectCode={project}")).GetProperty("rows").EnumerateArray();
        return rows.Where(r => r.GetProperty("key").GetString() == project).Select(r => (JsonElement?)r).FirstOrDefault();
    }

    private static async Task LineIsAsync(HttpClient finance, string project, decimal committed, decimal spent)
    {
        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0];
        Assert.Equal((committed, spent), (line.GetProperty("committed").GetDecimal(), line.GetProperty("spent").GetDecimal()));
    }
}
