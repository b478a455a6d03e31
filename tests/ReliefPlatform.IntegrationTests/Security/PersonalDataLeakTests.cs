using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Security;

/// <summary>
/// After real traffic full of ID numbers — registrations, a monitoring import with good and bad rows, unmasked
/// reads, an assessment — nothing the system wrote for itself holds one: not the console logs of any resource
/// (services, gateway replicas, identity, PostgreSQL, RabbitMQ, Redis), not a span or log record any service
/// exported, not a message any service published, not any service's audit log, not an import's error report.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed partial class PersonalDataLeakTests(CountyAppFixture county, ITestOutputHelper output)
{
    private const string Hengshan = "341525100";

    [Fact]
    public async Task No_log_line_span_message_audit_entry_or_error_report_carries_a_full_ID_number()
    {
        var caseworker = await county.ClientForAsync("caseworker");
        var staff = await county.ClientForAsync("township-hengshan");
        var people = Enumerable.Range(0, 6).Select(i => People.IdNumber(20 + (i * 12))).ToList();
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "205", People.Member("韩立", people[0]), People.Member("韩梅", people[1], "配偶"));
        (await staff.PostAsJsonAsync($"/api/assessment/households/{household}/identities/reveal", new { reason = "verification" })).EnsureSuccessStatusCode();
        await caseworker.PostAsJsonAsync("/api/assessment/households", new
        {
            townshipCode = Hengshan, villageCode = $"{Hengshan}205", category = "低保", members = new[] { People.Member("韩立", people[0]) },
        });
        var bad = people[5][..17] + (people[5][17] == '1' ? '2' : '1');
        var reference = MonitoringFiles.NewRef();
        var job = await MonitoringFiles.ImportAsync(caseworker, Encoding.UTF8.GetBytes(MonitoringFiles.Csv(
        [
            new(reference, people[2], "秦川", LivingAlone: "是", Signals: "住院"),
            new(reference, people[3], "秦岭", Relationship: "子女"),
            new(MonitoringFiles.NewRef(), people[4], "秦安", Income: "不详"),
            new(MonitoringFiles.NewRef(), bad, "秦平"),
        ])), "leak-check.csv");
        var answers = await Assessments.AnswersAsync(staff);
        await Assessments.StartAsync(staff, household, answers, $"本人身份证{people[0]}，希望助餐");
        await Task.Delay(TimeSpan.FromSeconds(4));

        var hits = new List<string>();
        var scanned = 0L;
        var written = await EverythingWrittenAsync(job.GetProperty("id").GetGuid());
        var traces = Encoding.UTF8.GetString(county.Telemetry.Traces.SelectMany(b => b).ToArray());
        // The scan sees the services' spans: the reveal request is there.
        Assert.Contains($"/api/assessment/households/{household}/identities/reveal", traces, StringComparison.Ordinal);
        written.Add(("traces", traces));
        written.Add(("exported log records", Encoding.UTF8.GetString(county.Telemetry.Logs.SelectMany(b => b).ToArray())));
        // The scan sees the services' own logs: the import's completion line is there, with its job id.
        Assert.Contains(written, w => w.Source.StartsWith("log of assessment", StringComparison.Ordinal)
            && w.Text.Contains(job.GetProperty("id").GetGuid().ToString(), StringComparison.Ordinal));
        foreach (var (source, text) in written)
        {
            scanned += text.Length;
            foreach (Match match in EighteenCharacters().Matches(text))
            {
                if (IdNumber.TryParse(match.Value, DateOnly.FromDateTime(DateTime.UtcNow), out _, out _))
                {
                    hits.Add($"{source}: {IdNumber.Mask(match.Value)}");
                }
            }
        }

        output.WriteLine($"scanned {scanned:N0} characters");
        Assert.True(scanned > 100_000, $"only {scanned} characters were scanned");
        Assert.Empty(hits);
    }

    private async Task<List<(string Source, string Text)>> EverythingWrittenAsync(Guid importJob)
    {
        var written = new List<(string, string)>();
        var logs = county.App.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var name in await ResourceIdsAsync())
        {
            var lines = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await foreach (var batch in logs.GetAllAsync(name).WithCancellation(timeout.Token))
            {
                foreach (var line in batch)
                {
                    lines.AppendLine(line.Content);
                }
            }

            written.Add(($"log of {name}", lines.ToString()));
        }

        var databases = new List<string>(ResourceNames.HubServices.Select(ResourceNames.DatabaseOf))
        {
            ResourceNames.DatabaseOf(ResourceNames.Identity),
        };
        databases.AddRange(CountyAppFixture.RunningTownships.Select(ResourceNames.TownshipDatabaseResource));
        foreach (var database in databases)
        {
            await using var connection = new NpgsqlConnection(await county.ConnectionStringAsync(database));
            await connection.OpenAsync();
            written.Add(($"messages published by {database}", await TextAsync(connection, "SELECT payload::text FROM outbox_messages")));
            written.Add(($"audit log of {database}", await TextAsync(connection, "SELECT concat_ws('|', actor, action, subject, details) FROM audit_entries")));
        }

        await using var assessment = new NpgsqlConnection(await county.ConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)));
        await assessment.OpenAsync();
        written.Add(("import error report", await TextAsync(assessment, $"SELECT concat_ws('|', \"Line\", \"HouseholdRef\", \"Field\", \"Message\") FROM import_row_errors WHERE \"JobId\" = '{importJob}'")));
        return written;
    }

    /// <summary>Every running instance (each gateway replica has its own), from the current states the notification service replays.</summary>
    private async Task<HashSet<string>> ResourceIdsAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var update in county.App.ResourceNotifications.WatchAsync(enough.Token))
            {
                ids.Add(update.ResourceId);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return ids;
    }

    private static async Task<string> TextAsync(NpgsqlConnection connection, string sql)
    {
        var text = new StringBuilder();
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.IsDBNull(0) ? "" : reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A database without an outbox or an audit log (identity) has nothing of it to scan.
        }

        return text.ToString();
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")]
    private static partial Regex EighteenCharacters();
}
