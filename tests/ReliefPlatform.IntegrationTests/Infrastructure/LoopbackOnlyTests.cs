using Xunit.Abstractions;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The county lives on loopback: every server, service and proxy the AppHost starts listens on 127.0.0.1 or ::1
/// only, and no service reaches out to a host beyond this machine (MassTransit's usage telemetry included).
/// </summary>
[Collection(CountyCollection.Name)]
public sealed partial class LoopbackOnlyTests(CountyAppFixture county, ITestOutputHelper output)
{
    [Fact]
    public void Every_socket_the_county_listens_on_is_bound_to_loopback()
    {
        // The AppHost runs inside this test process: DCP, the servers, services and proxies are its descendants.
        // A daemon that left the tree (as a shared epmd does) is still caught by listening on a port the AppHost allocated.
        var processes = ListeningSockets.ProcessTree(Environment.ProcessId);
        var allocated = county.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>())
            .Where(e => e.AllocatedEndpoint is not null)
            .Select(e => e.AllocatedEndpoint!.Port)
            .ToHashSet();
        var sockets = ListeningSockets.All()
            .Where(s => (s.Pid is { } pid && processes.Contains(pid)) || allocated.Contains(s.Port))
            .ToList();
        output.WriteLine(string.Join('\n', sockets));

        if (county.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ExecutableResource>().Any(r => r.Name == $"{ServiceDefaults.ResourceNames.Messaging}-server"))
        {
            // The check must see the servers it is about, or it proves nothing.
            Assert.Contains(sockets, s => s.Process == "postgres");
            Assert.Contains(sockets, s => s.Process == "redis-server");
            Assert.Contains(sockets, s => s.Process == "beam.smp");
            Assert.Contains(sockets, s => s.Process == "epmd");
        }

        var exposed = sockets.Where(s => !s.OnLoopback).ToList();
        Assert.True(exposed.Count == 0, $"listening beyond loopback: {string.Join(", ", exposed)}");
    }

    [Fact]
    public void No_service_log_mentions_usage_telemetry_or_a_host_beyond_this_machine()
    {
        var records = OtlpLogRecords.Read(county.Telemetry.Logs);
        Assert.NotEmpty(records);
        // Services call each other by resource name; service discovery resolves those names to loopback endpoints.
        var resources = county.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var outbound = records
            .Where(r => r.AllText.Contains("usage telemetry", StringComparison.OrdinalIgnoreCase)
                || r.AllText.Contains("usage-tracking", StringComparison.OrdinalIgnoreCase)
                || (IsAboutAConnection(r) && OutsideAddresses(r.AllText, resources).Any()))
            .Select(r => $"{r.Service} {r.Category}: {r.Body} — {string.Join(", ", OutsideAddresses(r.AllText, resources))}")
            .ToList();
        Assert.True(outbound.Count == 0, $"log records about reaching beyond this machine:\n{string.Join('\n', outbound)}");
    }

    /// <summary>
    /// An outgoing HTTP call, a connection, or a failure with an exception: there a host name is a place the service
    /// tried to reach. Elsewhere a URL is a link to documentation (OpenIddict's <c>error_uri</c> in a refusal it sent,
    /// whose text speaks of "the requested action"), which reaches nothing.
    /// </summary>
    private static bool IsAboutAConnection(OtlpLogRecord record) =>
        record.Category.StartsWith("System.Net.Http", StringComparison.Ordinal)
        || record.Attributes.ContainsKey("exception.type")
        || record.Body.Contains("connect", StringComparison.OrdinalIgnoreCase);

    /// <summary>URLs naming a host other than this machine, and IP addresses that are not loopback or unspecified.</summary>
    private static IEnumerable<string> OutsideAddresses(string text, HashSet<string> resources)
    {
        foreach (Match url in Url().Matches(text))
        {
            var host = url.Groups["host"].Value.Trim('[', ']');
            // EF Core's own exception messages cite their documentation (a concurrency conflict retried by the consumer says
            // "See https://go.microsoft.com/fwlink/?LinkId=…"): a link in a message, not a place the service tried to reach.
            // (The match ends at the host: the link's path is read from the text after it.)
            if (text.AsSpan(url.Index).StartsWith("https://go.microsoft.com/fwlink/", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!IsThisMachine(host) && !resources.Contains(host) && !resources.Contains(host.TrimStart('_').Split('.').Last()))
            {
                yield return url.Value;
            }
        }

        foreach (Match ip in IPv4().Matches(text))
        {
            if (IPAddress.TryParse(ip.Value, out var address) && !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.Any))
            {
                yield return ip.Value;
            }
        }
    }

    private static bool IsThisMachine(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)));

    [GeneratedRegex(@"\b(?:https?|amqps?|tcp|rediss?|postgres(?:ql)?)://(?:[^@/\s]+@)?(?<host>\[[0-9a-fA-F:]+\]|[^:/\s'"",)]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // Not assembly or package versions ("Version=10.0.0.0", "v1.2.3.4").
    [GeneratedRegex(@"(?<![\d.=v])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")]
    private static partial Regex IPv4();
}
