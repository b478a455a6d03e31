using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.AppHost.Operations;

/// <summary>
/// The operator's <c>reconcile</c> command, for after one service's database was restored to an earlier point than the
/// others': lists what disagrees between services (ids only), names for each the event its owner sent that would bring
/// the service behind up to date — found in the owner's outbox, which keeps sent events for its retention (30 days) —
/// and with <c>--redeliver</c> sends exactly those events again, with their original message ids: the service that
/// lost them applies them, every other consumer's inbox drops them. What no event can mend (money held for an order
/// Delivery lost) is listed for a person to decide. Reads the databases; writes only the outbox rows it resends.
/// <code>
/// PG_PASSWORD=… dotnet ReliefPlatform.AppHost.dll reconcile --server "Host=127.0.0.1;Port=5432;Username=postgres"
///     [--settle-minutes 5] [--report reconciliation.json] [--redeliver]
/// </code>
/// Exit code 0: the services agree; 1: disagreements listed (after <c>--redeliver</c>, run it again once they have
/// been applied); 2: wrong arguments or a database that cannot be read.
/// </summary>
internal static class ReconcileCommand
{
    public const string Name = "reconcile";

    private const string Usage = """
        usage: reconcile --server "Host=<host>;Port=<port>;Username=<user>" [--settle-minutes 5] [--report <file.json>] [--redeliver]
               (the password from PG_PASSWORD, never on the command line)
        """;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = OperatorArguments.Parse(args);
        if (!options.TryGetValue("server", out var server)
            || !int.TryParse(options.GetValueOrDefault("settle-minutes", "5"), CultureInfo.InvariantCulture, out var settleMinutes) || settleMinutes < 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            var report = await ReconcileAsync(server, TimeSpan.FromMinutes(settleMinutes), options.ContainsKey("redeliver"));
            Print(report);
            if (options.TryGetValue("report", out var file))
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Json));
            }

            return report.Disagreements.Count == 0 ? 0 : 1;
        }
        catch (NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"Reconciliation failed: {ex.Message}");
            return 2;
        }
    }

    private static async Task<ReconciliationReport> ReconcileAsync(string server, TimeSpan settle, bool redeliver)
    {
        var password = Environment.GetEnvironmentVariable("PG_PASSWORD");
        NpgsqlConnection Open(string service) => new(new NpgsqlConnectionStringBuilder(server)
        {
            Database = ResourceNames.DatabaseOf(service), Password = password ?? new NpgsqlConnectionStringBuilder(server).Password,
        }.ConnectionString);

        await using var assessment = Open(ResourceNames.Assessment);
        await using var delivery = Open(ResourceNames.Delivery);
        await using var funding = Open(ResourceNames.Funding);
        await Task.WhenAll(assessment.OpenAsync(), delivery.OpenAsync(), funding.OpenAsync());

        var checkedAt = DateTimeOffset.UtcNow;
        var facts = new CountyFacts(
            await ReadAsync(assessment, """SELECT "Id", "RegisteredAt" FROM households""", r => new HouseholdFact(r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1))),
            await ReadAsync(delivery, """SELECT "HouseholdId", "RegisteredAt" FROM recipients""", r => new HouseholdFact(r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1))),
            await ReadAsync(delivery, """
                SELECT o."Id", o."Status", o."Units" * o."UnitPrice", coalesce(max(s."At"), o."CreatedAt")
                FROM work_orders o LEFT JOIN work_order_steps s ON s."WorkOrderId" = o."Id"
                GROUP BY o."Id"
                """, r => new OrderFact(r.GetGuid(0), r.GetString(1), r.GetDecimal(2), r.GetFieldValue<DateTimeOffset>(3))),
            await ReadAsync(funding, """SELECT "Reference", "Status", "ConfirmedAmount" IS NOT NULL FROM commitments""",
                r => new ReservationFact(r.GetString(0), r.GetString(1), r.GetBoolean(2))));
        var disagreements = Reconciliation.Compare(facts, checkedAt - settle);

        // Where each event to resend is in its owner's outbox (a household came to Delivery one by one or in an import's batch).
        var outboxes = new Dictionary<string, Dictionary<string, OutboxRedelivery.Sent>>
        {
            ["delivery/WorkOrderCreated"] = await OutboxRedelivery.FindAsync(delivery, typeof(WorkOrderCreated), "workOrderId"),
            ["delivery/WorkOrderCancelled"] = await OutboxRedelivery.FindAsync(delivery, typeof(WorkOrderCancelled), "workOrderId"),
            ["delivery/ServiceConfirmed"] = await OutboxRedelivery.FindAsync(delivery, typeof(ServiceConfirmed), "workOrderId"),
            ["assessment/HouseholdRegistered"] = await OutboxRedelivery.FindAsync(assessment, typeof(HouseholdRegistered), "householdId"),
            ["assessment/HouseholdsImported"] = await OutboxRedelivery.FindAsync(assessment, typeof(HouseholdsImported), "householdId", array: "households"),
        };
        OutboxRedelivery.Sent? InOutbox(EventToReplay replay) =>
            outboxes[$"{replay.Owner}/{replay.Event}"].GetValueOrDefault(replay.Key)
            ?? (replay.Event == "HouseholdRegistered" ? outboxes["assessment/HouseholdsImported"].GetValueOrDefault(replay.Key) : null);

        var listed = disagreements.Select(d => new ListedDisagreement(d.Kind, d.Id, d.Behind, d.Replay?.Owner, d.Replay is { } r ? InOutbox(r) : null)).ToList();
        var resent = new Dictionary<string, int>();
        if (redeliver)
        {
            foreach (var (owner, connection) in new[] { ("assessment", assessment), ("delivery", delivery) })
            {
                var ids = listed.Where(d => d.Owner == owner && d.Event is not null).Select(d => d.Event!.MessageId).Distinct().ToList();
                resent[owner] = ids.Count == 0 ? 0 : await OutboxRedelivery.RedeliverAsync(connection, ids);
            }
        }

        return new ReconciliationReport(checkedAt, settle.TotalMinutes, listed.CountBy(d => d.Kind).ToDictionary(), listed, resent);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> row)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static void Print(ReconciliationReport report)
    {
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture,
            $"Reconciliation at {report.CheckedAt:u} (records that moved in the last {report.SettleMinutes} min left out as still on their way).");
        if (report.Disagreements.Count == 0)
        {
            text.AppendLine("Assessment, Delivery and Funding agree.");
        }

        foreach (var group in report.Disagreements.GroupBy(d => d.Kind))
        {
            var replayable = group.Count(d => d.Event is not null);
            text.AppendLine(CultureInfo.InvariantCulture, $"{group.Key}: {group.Count()} — {Reconciliation.Meaning[group.Key]}");
            if (group.Any(d => d.Owner is not null))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {replayable} of them can be resent from {group.First().Owner}'s outbox{(group.Count() > replayable ? $"; {group.Count() - replayable} are not in it any more (older than its retention): re-enter them" : "")}.");
            }

            foreach (var item in group.Take(20))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {item.Id}{(item.Event is { } e ? $"  (message {e.MessageId}, written {e.CreatedAt:u})" : "")}");
            }

            if (group.Count() > 20)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  … and {group.Count() - 20} more (all in --report).");
            }
        }

        foreach (var (owner, count) in report.Resent)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Resent {count} event(s) from {owner}'s outbox; run reconcile again once they have been applied.");
        }

        Console.Write(text.ToString());
    }
}

/// <param name="Owner">The service whose event would mend it (null: a person decides).</param>
/// <param name="Event">That event where the owner's outbox still holds it.</param>
internal sealed record ListedDisagreement(string Kind, string Id, string Behind, string? Owner, OutboxRedelivery.Sent? Event);

internal sealed record ReconciliationReport(
    DateTimeOffset CheckedAt, double SettleMinutes, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<ListedDisagreement> Disagreements,
    IReadOnlyDictionary<string, int> Resent);
