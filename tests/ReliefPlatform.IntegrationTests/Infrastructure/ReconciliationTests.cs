using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.AppHost.Operations;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Funding;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>What the reconciliation calls a disagreement between Assessment, Delivery and Funding (no county needed).</summary>
public sealed class ReconciliationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddHours(-1);

    [Fact]
    public void Each_kind_of_disagreement_names_the_service_behind_and_the_event_that_mends_it()
    {
        Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
        var facts = new CountyFacts(
            [new(Id(1), Earlier), new(Id(2), Earlier), new(Id(3), Now)],
            [new(Id(1), Earlier), new(Id(9), Earlier)],
            [
                new(Id(10), "Assigned", 120m, Earlier),     // reserved: agrees
                new(Id(11), "Assigned", 60m, Earlier),      // Funding has no reservation
                new(Id(12), "Cancelled", 60m, Earlier),     // Funding still holds the money
                new(Id(13), "Closed", 60m, Earlier),        // Funding has not noted the confirmation
                new(Id(14), "Confirmed", 60m, Earlier),     // noted: agrees
                new(Id(15), "Assigned", 0m, Earlier),       // volunteer work: no money, nothing to reserve
                new(Id(16), "Rejected", 60m, Earlier),      // refused for want of money: nothing reserved
                new(Id(17), "AwaitingFunds", 60m, Now),     // just placed: its event may still be on the way
            ],
            [
                new(Id(10).ToString(), "Committed", false),
                new(Id(12).ToString(), "Committed", false),
                new(Id(13).ToString(), "Committed", false),
                new(Id(14).ToString(), "Committed", true),
                new(Id(20).ToString(), "Committed", false), // Delivery lost this order
                new(Id(21).ToString(), "Released", false),  // released: nothing held, nothing to say
            ]);

        var found = Reconciliation.Compare(facts, settledBefore: Now.AddMinutes(-5));

        Assert.Equal(
        [
            (Reconciliation.FundingBehindOnOrders, Id(11).ToString(), "funding", "WorkOrderCreated"),
            (Reconciliation.FundingBehindOnCancellations, Id(12).ToString(), "funding", "WorkOrderCancelled"),
            (Reconciliation.FundingBehindOnConfirmations, Id(13).ToString(), "funding", "ServiceConfirmed"),
            (Reconciliation.DeliveryBehindOnOrders, Id(20).ToString(), "delivery", (string?)null),
            (Reconciliation.DeliveryBehindOnHouseholds, Id(2).ToString(), "delivery", "HouseholdRegistered"),
            (Reconciliation.AssessmentBehindOnHouseholds, Id(9).ToString(), "assessment", null),
        ], found.Select(d => (d.Kind, d.Id, d.Behind, d.Replay?.Event)));
        Assert.All(found, d => Assert.True(Reconciliation.Meaning.ContainsKey(d.Kind)));
    }
}

/// <summary>
/// Funding's database restored to an earlier point than Delivery's — the documented procedure for one service
/// (pg_dump of its database, later pg_restore into the live server with the service stopped): the reconciliation lists
/// the order Funding no longer holds money for, finds the event in Delivery's outbox, resends it with its message id,
/// and the money is reserved again exactly once.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class FundingRestoredBehindDeliveryTests(CountyAppFixture county)
{
    private const string Foziling = "341525101";

    [Fact]
    public async Task The_reconciliation_lists_the_order_Funding_lost_and_resending_it_reserves_the_money_once()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var finance = await county.ClientForAsync("finance");
        var project = $"RC-{Guid.NewGuid():N}"[..12];
        await Budgets.AllocateAsync(county, project, Foziling, 1000.00m);
        var household = await Assessments.RegisterKnownToDeliveryAsync(caseworker, Foziling, "203");

        var before = await Orders.PlaceAsync(caseworker, household, project, units: 2);
        await Orders.AssignedAsync(caseworker, before);
        var fundingDb = (await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Funding)))!;
        var dump = Path.Combine(Path.GetTempPath(), $"funding-{Guid.NewGuid():N}.dump");
        try
        {
            await PgAsync("pg_dump", fundingDb, "-Fc", "-f", dump);
            var after = await Orders.PlaceAsync(caseworker, household, project, units: 1);
            await Orders.AssignedAsync(caseworker, after);
            Assert.Equal(180.00m, await Budgets.CommittedAsync(finance, project));

            // Funding's database back to the dump: the second order's money is no longer held there.
            await county.StopResourceAsync(ResourceNames.Funding);
            await PgAsync("pg_restore", fundingDb, "--clean", "--if-exists", "--single-transaction", "--no-owner", dump);
            await county.StartResourceAsync(ResourceNames.Funding);
            Assert.Equal(120.00m, await Budgets.CommittedAsync(finance, project));

            var (code, report, output) = await ReconcileAsync(fundingDb);
            Assert.True(code == 1, output);
            var lost = Assert.Single(Listed(report), d => d.GetProperty("id").GetString() == after.ToString());
            Assert.Equal(Reconciliation.FundingBehindOnOrders, lost.GetProperty("kind").GetString());
            Assert.Equal("funding", lost.GetProperty("behind").GetString());
            Assert.Equal(JsonValueKind.Object, lost.GetProperty("event").ValueKind);
            Assert.DoesNotContain(Listed(report), d => d.GetProperty("id").GetString() == before.ToString());
            Assert.DoesNotContain(household.ToString(), output, StringComparison.Ordinal);

            (code, report, output) = await ReconcileAsync(fundingDb, "--redeliver");
            Assert.True(report.GetProperty("resent").GetProperty("delivery").GetInt32() >= 1, output);
            await MessagingHost.EventuallyAsync(async () => await Budgets.CommittedAsync(finance, project) == 180.00m, "the resent order's money is reserved again");
            (_, report, output) = await ReconcileAsync(fundingDb);
            Assert.DoesNotContain(Listed(report), d => d.GetProperty("id").GetString() == after.ToString());

            // Exactly once: the order's answer came again and changed nothing in Delivery; the line holds each order's money once.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(180.00m, await Budgets.CommittedAsync(finance, project));
            Assert.Equal("Assigned", await Orders.StatusAsync(caseworker, after));
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static JsonElement.ArrayEnumerator Listed(JsonElement report) => report.GetProperty("disagreements").EnumerateArray();

    /// <summary>The operator's command, as they run it: the AppHost's <c>reconcile</c>, the password in PG_PASSWORD; its report as JSON.</summary>
    internal static async Task<(int ExitCode, JsonElement Report, string Output)> ReconcileAsync(string connectionString, params string[] more)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var file = Path.Combine(Path.GetTempPath(), $"reconciliation-{Guid.NewGuid():N}.json");
        var (exitCode, output) = await OperatorCommand.RunAsync(new Dictionary<string, string> { ["PG_PASSWORD"] = server.Password! },
            ["reconcile", "--server", $"Host={server.Host};Port={server.Port};Username={server.Username}", "--settle-minutes", "0", "--report", file, .. more]);
        Assert.True(File.Exists(file), output);
        try
        {
            return (exitCode, JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.Clone(), output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>PostgreSQL's own client tool against the service's database.</summary>
    private static Task PgAsync(string tool, string connectionString, params string[] arguments)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        return OperatorCommand.ToolAsync(OperatorCommand.PostgresTool(tool), new Dictionary<string, string> { ["PGPASSWORD"] = database.Password! },
            ["-h", database.Host!, "-p", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", database.Username!, "-d", database.Database!, .. arguments]);
    }
}
