using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.IntegrationTests.Funding;

/// <summary>
/// A county brings in its year before the platform through the gateway: a batch with one bad record is refused whole with the
/// record's field error and writes nothing; the good batch lands as closed, migrated work orders; sent again it writes nothing;
/// a provider may not migrate. Funding counts the services in the months they happened (the by-month KPIs), records their
/// spend as already paid on the project's budget line, and never lets them onto a provider's statement again.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class ServiceHistoryMigrationTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";
    private const decimal Price = 10.00m;

    [Fact]
    public async Task A_batch_of_past_services_lands_whole_or_not_at_all_is_counted_in_its_months_and_is_never_paid_again()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var admin = await county.ClientForAsync("county-admin");
        var finance = await county.ClientForAsync("finance");
        var supervisor = await county.ClientForAsync("supervisor");
        var provider = await county.ClientForAsync("provider-demo");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var (earlier, later) = (thisMonth.AddMonths(-4), thisMonth.AddMonths(-2));
        var project = $"MH-{Guid.NewGuid():N}"[..12];

        await Budgets.AllocateAsync(county, project, Foziling, 1000.00m);
        await PurchaseProjects.InitiateAsync(county, project, Foziling, "daily-care");
        var contract = await AwardAsync(finance, project, from: thisMonth.AddMonths(-6));
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "206");

        object Service(DateOnly on, int units, int minutes, int? satisfaction) => new
        {
            householdId = household, itemCode = "daily-care", providerId = DemoCounty.ProviderId, deliveredOn = Day(on), units, minutes,
            confirmed = satisfaction is not null, satisfaction,
        };
        object[] good = [Service(later.AddDays(9), 2, 90, 5), Service(later.AddDays(19), 1, 60, 3), Service(earlier.AddDays(14), 3, 120, null)];
        var source = $"霍山县佛子岭镇服务台账-{Guid.NewGuid():N}"[..24];

        // One good record and one dated tomorrow: refused whole, the bad record's field named, the good one not.
        JsonElement refusal = default;
        await MessagingHost.EventuallyAsync(async () =>
        {
            var response = await admin.PostAsJsonAsync("/api/delivery/service-history",
                new { sourceReference = source, records = new[] { good[0], Service(today.AddDays(2), 1, 60, 4) } }); // the future even past the county's midnight
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            refusal = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            // Until Delivery has heard of the contract, every record's provider is unknown to it.
            return !refusal.TryGetProperty("records[0].providerId", out _);
        }, "Delivery learned the purchase contract");
        Assert.Equal(["records[1].deliveredOn"], refusal.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("服务日期须早于今天", refusal.GetProperty("records[1].deliveredOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await OrdersAsync(caseworker, household));

        // A provider never migrates; the county's staff do.
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostAsJsonAsync("/api/delivery/service-history", new { sourceReference = source, records = good })).StatusCode);
        var migrated = await admin.PostAsJsonAsync("/api/delivery/service-history", new { sourceReference = source, records = good });
        Assert.Equal(HttpStatusCode.Created, migrated.StatusCode);
        var batch = await migrated.Content.ReadFromJsonAsync<JsonElement>();
        var orders = batch.GetProperty("workOrderIds").EnumerateArray().Select(o => o.GetGuid()).ToList();
        Assert.Equal((3, 60.00m, false), (batch.GetProperty("records").GetInt32(), batch.GetProperty("amount").GetDecimal(), batch.GetProperty("repeated").GetBoolean()));
        Assert.Equal(3, orders.Count);

        var listed = await OrdersAsync(caseworker, household);
        Assert.Equal(3, listed.Count);
        Assert.All(listed, o => Assert.Equal(("Closed", batch.GetProperty("id").GetGuid()), (o.GetProperty("status").GetString(), o.GetProperty("migrationBatchId").GetGuid())));
        var first = listed.Single(o => o.GetProperty("satisfaction").ValueKind == JsonValueKind.Number && o.GetProperty("satisfaction").GetInt32() == 5);
        Assert.Equal(Day(later.AddDays(9)), first.GetProperty("scheduledOn").GetString());
        Assert.Equal(["Delivered", "Confirmed", "Closed"], first.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("to").GetString()));

        // The same batch again writes nothing.
        var again = await admin.PostAsJsonAsync("/api/delivery/service-history", new { sourceReference = source, records = good });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(repeated.GetProperty("repeated").GetBoolean());
        Assert.Equal(orders.Order(), repeated.GetProperty("workOrderIds").EnumerateArray().Select(o => o.GetGuid()).Order());
        Assert.Equal(3, (await OrdersAsync(caseworker, household)).Count);

        // Funding counts each service in the month it happened, and its spend there too.
        JsonElement[] months = [];
        var seen = "";
        await MessagingHost.EventuallyAsync(async () =>
        {
            var kpis = await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/kpis/months?from={Month(earlier)}&to={Month(later)}&projectCode={project}");
            (months, seen) = ([.. kpis.GetProperty("months").EnumerateArray()], kpis.ToString());
            return months.Length == 3 && months[2].GetProperty("servicesConfirmed").GetInt32() == 2 && months[0].GetProperty("spend").GetDecimal() == 30.00m
                && months[2].GetProperty("spend").GetDecimal() == 30.00m && months[0].GetProperty("servicesDelivered").GetInt32() == 1;
        }, "Funding counted the migrated services and their spend in their months", TimeSpan.FromMinutes(2)).ContinueWith(
            waited => Assert.True(waited.IsCompletedSuccessfully, $"by-month KPIs last read: {seen}"), TaskScheduler.Default);
        Assert.Equal([Month(earlier), Month(earlier.AddMonths(1)), Month(later)], months.Select(m => m.GetProperty("month").GetString()));
        var (old, quiet, recent) = (months[0], months[1], months[2]);
        Assert.Equal((1, 0, 0m, 1), (old.GetProperty("servicesDelivered").GetInt32(), old.GetProperty("servicesConfirmed").GetInt32(),
            old.GetProperty("confirmedRate").GetDecimal(), old.GetProperty("migratedServices").GetInt32()));
        Assert.Equal((0, 0m), (quiet.GetProperty("servicesDelivered").GetInt32(), quiet.GetProperty("spend").GetDecimal()));
        Assert.Equal((2, 2, 1m), (recent.GetProperty("servicesDelivered").GetInt32(), recent.GetProperty("servicesConfirmed").GetInt32(),
            recent.GetProperty("confirmedRate").GetDecimal()));
        Assert.Equal((4.00m, 0.5m, 30.00m), (recent.GetProperty("satisfactionMean").GetDecimal(), recent.GetProperty("satisfiedShare").GetDecimal(),
            recent.GetProperty("confirmedAmount").GetDecimal()));
        var monthRow = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/funding/kpis?month={Month(later)}&by=Project&projectCode={project}"))
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == project);
        Assert.Equal((2, 30.00m, 0m), (monthRow.GetProperty("servicesConfirmed").GetInt32(), monthRow.GetProperty("paidThisMonth").GetDecimal(),
            monthRow.GetProperty("committedThisMonth").GetDecimal()));

        // The money was spent before the platform: on the line as spent, nothing reserved.
        var line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0];
        Assert.Equal((0m, 60.00m, 940.00m), (line.GetProperty("committed").GetDecimal(), line.GetProperty("spent").GetDecimal(), line.GetProperty("available").GetDecimal()));

        // … and never paid again: no statement takes the month's migrated services, and no spend by hand.
        var statement = await finance.PostAsJsonAsync("/api/funding/statements", new { providerId = DemoCounty.ProviderId, contractId = contract, month = Month(later) });
        Assert.Equal(HttpStatusCode.BadRequest, statement.StatusCode);
        Assert.Equal("该月没有可结算的已确认服务。",
            (await statement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("month")[0].GetString());
        var byHand = await finance.PostAsJsonAsync($"/api/funding/commitments/{first.GetProperty("id").GetGuid()}/spend", new { amount = 20.00m });
        Assert.Equal(HttpStatusCode.Conflict, byHand.StatusCode);
        line = (await finance.GetFromJsonAsync<JsonElement>($"/api/funding/budget-lines?projectCode={project}"))[0];
        Assert.Equal(60.00m, line.GetProperty("spent").GetDecimal());

        var audit = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/delivery/audit?subject=service-history:{batch.GetProperty("id").GetGuid()}"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("service-history.migrate", Assert.Single(audit).GetProperty("action").GetString());
        Assert.Equal(batch.GetProperty("migratedBy").GetString(), audit[0].GetProperty("actor").GetString());
    }

    private static async Task<Guid> AwardAsync(HttpClient finance, string project, DateOnly from)
    {
        var year = Budgets.Year;
        var awarded = await finance.PostAsJsonAsync("/api/funding/contracts", new
        {
            number = $"MHHT-{Guid.NewGuid():N}"[..16], year, projectCode = project, providerId = DemoCounty.ProviderId, townships = new[] { Foziling },
            from = Day(from), until = $"{year}-12-31", items = new[] { new { itemCode = "daily-care", unitPrice = Price, quantityCap = 100 } },
        });
        Assert.Equal(HttpStatusCode.Created, awarded.StatusCode);
        return (await awarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> OrdersAsync(HttpClient client, Guid household) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/delivery/work-orders?householdId={household}")).EnumerateArray()];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
