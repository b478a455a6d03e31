using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;

namespace ReliefPlatform.IntegrationTests.EndToEnd;

/// <summary>
/// The loop closed, every step through the gateway as the people who do it: a 78-year-old living alone arrives in the
/// monitoring import with the 长期护理保险 he already has (the file's 现有政策 column); the village visitor assesses him and the
/// township approves; Delivery drafts the plan with his matching profile — health monitoring, an item only for the old, is
/// proposed, and daily care comes at the reduced frequency the overlap rule gives 长期护理保险 — the township approves it and
/// the caseworker matches it; the weekly line makes an order for each of three weeks with its money reserved; each is
/// delivered and confirmed by the household's satisfaction; finance draws the provider's monthly statement, reviews the
/// records held back, a second person approves it and a payment batch pays it, and the budget line spends it; and the
/// project's 验收 takes its satisfaction from those very confirmations.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ClosedLoopTests(CountyAppFixture county)
{
    private static readonly string[] Dependent = ["dependent"];
    private static readonly string[] None = ["none"];
    private static readonly string[] Yes = ["yes"];
    private static readonly string[] Requested = ["visiting", "care", "cleaning"];
    private static readonly string[] Staff = ["S-101"];
    private static readonly string[] Documents = ["霍民〔2026〕41号"];
    private static readonly int[] Satisfactions = [5, 5, 4];

    [Fact]
    public async Task One_household_goes_from_the_monitoring_import_to_three_weeks_of_paid_service_and_the_projects_acceptance()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var visitor = await county.ClientForAsync("visitor-hengshan");
        var finance = await county.ClientForAsync("finance");
        var admin = await county.ClientForAsync("county-admin");
        var supervisor = await county.ClientForAsync("supervisor");
        var care = await Plans.CareContractAsync(county, unitPrice: 80.00m);

        // 1. The monitoring import brings him in, with the 长期护理保险 the file says he receives (its 现有政策 column).
        var idNumber = People.IdNumber(78);
        var rows = MonitoringFiles.Csv([new MonitoringLine(MonitoringFiles.NewRef(), idNumber, "宋德厚", Category: "特困供养", LivingAlone: "是")]).Split("\r\n");
        var file = $"{rows[0]},现有政策\r\n{rows[1]},长期护理保险\r\n";
        var job = await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes(file), "monitoring-closed-loop.csv");
        Assert.Equal(("Completed", 1), (job.GetProperty("status").GetString(), job.GetProperty("rowsValid").GetInt32()));
        var found = await caseworker.PostAsJsonAsync("/api/assessment/households/lookup", new { idNumber });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var household = (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // 2. The benefit is on his matching profile; the visitor assesses him, the township approves.
        Assert.Equal(["long-term-care-insurance"], (await caseworker.GetFromJsonAsync<JsonElement>($"/api/assessment/households/{household}/matching-profile"))
            .GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        var answers = await Assessments.AnswersAsync(visitor,
            ("adl-eating", Dependent), ("adl-bathing", Dependent), ("adl-dressing", Dependent), ("adl-toileting", Dependent),
            ("adl-transfer", Dependent), ("adl-walking", Dependent), ("caregiver", None), ("living-alone", Yes), ("requested-services", Requested));
        var started = await Assessments.StartAsync(visitor, household, answers);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var assessment = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/assessment/assessments/{assessment}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/assessment/assessments/{assessment}/approve", null)).StatusCode);

        // 3. The plan, drafted with his matching profile: an item only for the old, and daily care reduced by the overlap rule.
        var plan = await Plans.DraftOfAsync(staff, household);
        var planId = plan.GetProperty("id").GetGuid();
        var lines = plan.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("itemCode").GetString()!);
        Assert.True(lines.ContainsKey("health-monitoring"), "health monitoring (for the old) is proposed");
        var memberRule = Considered(plan, "health-monitoring").GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "member");
        Assert.Contains("78岁", memberRule.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal((1, "Week"), (lines["daily-care"].GetProperty("times").GetInt32(), lines["daily-care"].GetProperty("per").GetString()));
        Assert.Contains("长期护理保险", Considered(plan, "daily-care").GetProperty("reasons").EnumerateArray()
            .Single(r => r.GetProperty("rule").GetString() == "overlap:long-term-care-insurance").GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // 4. Approved by the township, matched by the caseworker: daily care goes to the contracted provider.
        await Plans.ApproveAndMatchDailyCareAsync(county, household, planId, care.Provider);

        // 5. Three weeks of daily care, one order a week, each with its money reserved.
        const int weeks = 1 + CountyAppFixture.RecurringPeriodsAhead;
        List<JsonElement> orders = [];
        await MessagingHost.EventuallyAsync(async () =>
        {
            orders = [.. (await caseworker.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()
                .Where(o => o.GetProperty("itemCode").GetString() == "daily-care").OrderBy(o => o.GetProperty("periodStarts").GetString())];
            return orders.Count >= weeks && orders.All(o => o.GetProperty("status").GetString() == "Assigned");
        }, "three weeks of orders were made and their money reserved", TimeSpan.FromMinutes(2));
        Assert.Equal(weeks, orders.Count);
        Assert.Equal(weeks, orders.Select(o => o.GetProperty("periodStarts").GetString()).Distinct().Count());
        Assert.All(orders, o => Assert.Equal((1, 80.00m), (o.GetProperty("units").GetInt32(), o.GetProperty("amount").GetDecimal())));

        // 6. Each week delivered by the provider's worker and confirmed with the household's satisfaction.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var (order, satisfaction) in orders.Select(o => o.GetProperty("id").GetGuid()).Zip(Satisfactions))
        {
            Assert.Equal(HttpStatusCode.OK,
                (await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{order}/schedule", new { on = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })).StatusCode);
            Assert.Equal(HttpStatusCode.OK,
                (await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{order}/check-in", new { latitude = 31.3928, longitude = 116.3337 })).StatusCode);
            var checkedOut = await caseworker.PostAsJsonAsync($"/api/delivery/work-orders/{order}/check-out", new
            {
                units = 1, record = "上门协助起居、整理房间", staff = Staff, evidence = new[] { $"PH-{order:N}"[..16] }, place = "home",
                latitude = 31.3929, longitude = 116.3338,
            });
            Assert.Equal(HttpStatusCode.OK, checkedOut.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/delivery/work-orders/{order}/confirm", new { satisfaction })).StatusCode);
        }

        // 7. The provider's monthly statement: the three confirmed weeks; records held back for review are released with a reason.
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await MessagingHost.EventuallyAsync(async () => (await ProjectAsync(supervisor, care.ProjectId)).GetProperty("figures").GetProperty("servicesConfirmed").GetInt32() == weeks,
            "Funding heard the three confirmations");
        var drawn = await finance.PostAsJsonAsync("/api/funding/statements", new { providerId = care.Provider.ToString(), contractId = care.Contract, month });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var statement = await drawn.Content.ReadFromJsonAsync<JsonElement>();
        var statementId = statement.GetProperty("id").GetGuid();
        Assert.Equal(orders.Select(o => o.GetProperty("id").GetGuid()).Order(),
            statement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("workOrderId").GetGuid()).Order());
        Assert.Equal(weeks * 80.00m, statement.GetProperty("total").GetDecimal());
        foreach (var held in statement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("review").GetString() == "Held"))
        {
            // A visit recorded as shorter than the standard: the township's phone call confirmed it took place in full.
            Assert.Equal(HttpStatusCode.OK, (await finance.PostAsJsonAsync(
                $"/api/funding/statements/{statementId}/lines/{held.GetProperty("workOrderId").GetGuid()}/release", new { reason = "经电话回访核实，服务已足时完成" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/statements/{statementId}/approve", null)).StatusCode);
        var voucher = $"PZ-{Guid.NewGuid():N}"[..14];
        var paid = await finance.PostAsJsonAsync("/api/funding/payment-batches", new
        {
            voucherNumber = voucher, paidOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            payments = new[] { new { statementId, amount = weeks * 80.00m } },
        });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var paidStatement = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/statements/{statementId}");
        Assert.Equal(("Paid", voucher), (paidStatement.GetProperty("status").GetString(), paidStatement.GetProperty("voucherNumber").GetString()));
        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={care.Project}"))[0];
        Assert.Equal((0m, weeks * 80.00m, 5000.00m - (weeks * 80.00m)),
            (line.GetProperty("committed").GetDecimal(), line.GetProperty("spent").GetDecimal(), line.GetProperty("available").GetDecimal()));

        // 8. The project's 验收: satisfaction is the share of these confirmations at 4–5 (all three) × 30, not typed.
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsJsonAsync($"/api/funding/projects/{care.ProjectId}/stages",
            new { stage = "MidTermReviewed", findings = "按计划开展", documents = Documents })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/funding/projects/{care.ProjectId}/stages/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsJsonAsync($"/api/funding/projects/{care.ProjectId}/stages",
            new { stage = "Accepted", findings = "服务按合同完成", documents = Documents, scores = new { completion = 27, funds = 18, records = 17 } })).StatusCode);
        var accepted = await (await admin.PostAsync($"/api/funding/projects/{care.ProjectId}/stages/approve", null)).Content.ReadFromJsonAsync<JsonElement>();
        var record = accepted.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("Accepted", "Pass"), (accepted.GetProperty("stage").GetString(), accepted.GetProperty("outcome").GetString()));
        Assert.Equal((30, 92), (record.GetProperty("scores").GetProperty("satisfaction").GetInt32(), record.GetProperty("total").GetInt32()));
        Assert.Equal(4.67m, decimal.Round(accepted.GetProperty("figures").GetProperty("satisfactionMean").GetDecimal(), 2));
    }

    private static JsonElement Considered(JsonElement plan, string item) =>
        plan.GetProperty("considered").EnumerateArray().Single(i => i.GetProperty("code").GetString() == item);

    private static async Task<JsonElement> ProjectAsync(HttpClient client, Guid project) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/funding/projects/{project}");
}
