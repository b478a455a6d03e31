using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// A normal start of the county is quiet: no service logs an error while it starts, and PostgreSQL reports no
/// client asking for a database that does not exist yet.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed partial class QuietStartTests(CountyAppFixture county)
{
    [Fact]
    public async Task No_service_logs_an_error_while_the_county_starts()
    {
        var services = new[] { ResourceNames.Gateway, ResourceNames.Identity }
            .Concat(ResourceNames.HubServices)
            .Concat(CountyAppFixture.RunningTownships.Select(ResourceNames.TownshipService))
            .ToArray();
        IReadOnlyList<OtlpLogRecord> startUp = [];
        // Every service's start-up records have been exported (each says at least that it started).
        await MessagingHost.EventuallyAsync(
            () =>
            {
                startUp = OtlpLogRecords.Read(county.Telemetry.Logs).Where(r => r.Time <= county.ReadyAt).ToList();
                return Task.FromResult(services.All(s => startUp.Any(r => r.Service == s)));
            },
            "start-up logs of every service");

        var errors = startUp.Where(r => r.IsErrorOrWorse)
            .Select(r => $"{r.Service} {r.Category}: {r.Body} {r.Attributes.GetValueOrDefault("exception.message")}")
            .ToList();
        Assert.True(errors.Count == 0, $"errors logged during start-up:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public async Task PostgreSQL_reports_no_failed_connection_while_the_county_starts()
    {
        if (!county.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Any(r => r.Name == ResourceNames.Postgres && r is ExecutableResource))
        {
            return; // Containers or an external server: its log is not the AppHost's to read.
        }

        var lines = await ResourceLogs.ReadAsync(county.App, ResourceNames.Postgres);

        Assert.Contains(lines, l => l.Contains("database system is ready to accept connections", StringComparison.Ordinal));
        // log_line_prefix starts every line with its time: later tests may create databases of their own.
        var failures = lines.Where(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("ERROR:", StringComparison.Ordinal))
            .Where(l => LoggedAt(l) is not { } at || at <= county.ReadyAt)
            .ToList();
        Assert.True(failures.Count == 0, $"PostgreSQL during start-up:\n{string.Join('\n', failures)}");
    }

    private static DateTimeOffset? LoggedAt(string line) =>
        PostgresTime().Match(line) is { Success: true } match
            ? DateTimeOffset.ParseExact(match.Groups[1].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    [GeneratedRegex(@"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) UTC")]
    private static partial Regex PostgresTime();
}
