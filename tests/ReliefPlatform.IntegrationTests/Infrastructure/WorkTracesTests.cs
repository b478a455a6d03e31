using ReliefPlatform.IntegrationTests.Assessment;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// What an operator sees in the dashboard's traces: an idle county — outboxes, township forwarders and sweeps polling
/// every few seconds — leaves (almost) no traces, while a registration is a trace named by its act and tagged with the
/// household, with its log record carrying the household's id and no name.
/// </summary>
[Collection(CountyCollection.Name)]
public sealed class WorkTracesTests(CountyAppFixture county)
{
    private const string Hengshan = "341525100";
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_idle_county_leaves_almost_no_traces_and_a_registration_is_a_trace_named_by_its_act()
    {
        // Telemetry of whatever ran before has been exported (the batch delay is half a second).
        await Task.Delay(TimeSpan.FromSeconds(3));
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(Idle);
        var to = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Before: ~2 traces a second (assessment: postgresql, township-…: postgresql, …), ~40 in these 20 seconds.
        var idle = OtlpSpans.Read(county.Telemetry.Traces).Where(s => s.IsRoot && s.Start >= from && s.Start < to).ToList();
        Assert.True(idle.Count <= 2, $"{idle.Count} traces began in {Idle.TotalSeconds} idle seconds:\n"
            + string.Join('\n', idle.GroupBy(s => $"{s.Service}: {s.Name}").Select(g => $"{g.Count()} × {g.Key}")));

        var caseworker = await county.ClientForAsync("caseworker");
        var household = await Assessments.RegisterAsync(caseworker, Hengshan, "202", People.Member("何玉珍", People.IdNumber(71)));

        OtlpSpan? act = null;
        await MessagingHost.EventuallyAsync(() =>
        {
            act = OtlpSpans.Read(county.Telemetry.Traces).FirstOrDefault(s => s.Attributes.GetValueOrDefault("relief.household_id") == household.ToString());
            return Task.FromResult(act is not null);
        }, "the registration's span");
        Assert.Equal((ResourceNames.Assessment, "register household", "register household"), (act!.Service, act.Name, act.Attributes["relief.act"]));
        // The same trace carries the registration on, through the broker, to Delivery.
        await MessagingHost.EventuallyAsync(() => Task.FromResult(
                OtlpSpans.Read(county.Telemetry.Traces).Any(s => s.TraceId == act.TraceId && s.Service == ResourceNames.Delivery)),
            "Delivery's part of the registration's trace");

        List<OtlpLogRecord> logged = [];
        await MessagingHost.EventuallyAsync(() =>
        {
            logged = [.. OtlpLogRecords.Read(county.Telemetry.Logs)
                .Where(r => r.Category == "ReliefPlatform.Acts" && r.Attributes.GetValueOrDefault("HouseholdId") == household.ToString())];
            return Task.FromResult(logged.Count > 0);
        }, "the registration's log record");
        var record = Assert.Single(logged);
        Assert.Equal(("register household", ResourceNames.Assessment), (record.Attributes["Act"], record.Service));
        Assert.DoesNotContain("何玉珍", record.AllText, StringComparison.Ordinal);
    }
}
