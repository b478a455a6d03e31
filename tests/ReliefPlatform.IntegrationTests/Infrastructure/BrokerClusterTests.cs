using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using ReliefPlatform.IntegrationTests.Messaging;
using ReliefPlatform.ServiceDefaults;
using Xunit.Abstractions;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The county on a RabbitMQ cluster of three nodes on this machine (<c>--Messaging:Nodes=3</c>): its queues are quorum queues
/// every member serves; the member most services are connected to is stopped with the dashboard's command in the middle of
/// the county's work and started again — the services reconnect by themselves and every registration reaches Delivery and
/// its township centre exactly once. Starts a county of its own.
/// </summary>
[Collection(OwnCountyCollection.Name)]
public sealed class BrokerClusterTests(ITestOutputHelper output)
{
    private const int BeforeTheStop = 10;
    private const int WhileStopped = 20;
    private static readonly string DemoPassword = $"Cl{Guid.NewGuid():N}"[..14] + "3K";
    private static readonly string[] ThreeNodes = ["--Messaging:Nodes=3"];
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];
    private static readonly string[] Members = [$"{ResourceNames.Messaging}-server", $"{ResourceNames.Messaging}-server-2", $"{ResourceNames.Messaging}-server-3"];

    // A township centre's queue: declared through the first member, it must be a quorum queue every member knows.
    private const string CentreQueue = "township-hengshan-household-registered";

    [Fact]
    public async Task A_member_stopped_mid_flow_loses_and_doubles_nothing_and_the_services_reconnect_by_themselves()
    {
        var testStarted = DateTimeOffset.UtcNow;
        await using var county = await StartAsync();
        var broker = new Uri((await county.GetConnectionStringAsync(ResourceNames.Messaging))!);
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in Members)
        {
            ports[member] = county.GetEndpoint(member, "amqp").Port;
        }

        // One cluster: the centre's queue is there on every member, as a quorum queue (a classic declaration of it is refused).
        foreach (var (member, port) in ports)
        {
            await using var connection = await ConnectAsync(broker, port);
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclarePassiveAsync(CentreQueue);
            await channel.QueueDeclareAsync(CentreQueue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await using var classic = await connection.CreateChannelAsync();
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => classic.QueueDeclareAsync(CentreQueue, durable: true, exclusive: false,
                autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
            Assert.Equal((ushort)406, refused.ShutdownReason?.ReplyCode); // PRECONDITION_FAILED: it is not a classic queue
            output.WriteLine($"{member} (port {port}): {CentreQueue} is a quorum queue there");
        }

        var caseworker = await OwnCounty.ClientAsync(county, "caseworker", DemoPassword);
        var registered = new ConcurrentBag<Guid>();
        await ServersComeBackTests.RegisterAsync(caseworker, BeforeTheStop, registered);

        // The member most of the county's connections are on.
        var (stopped, connections) = ports.Select(p => (Member: p.Key, Connections: EstablishedTo(p.Value))).MaxBy(p => p.Connections);
        Assert.True(connections > 0, "no service is connected to any member");
        var commands = county.Services.GetRequiredService<ResourceCommandService>();
        Assert.True((await commands.ExecuteCommandAsync(stopped, KnownResourceCommands.StopCommand)).Success, $"stopping {stopped}");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await county.ResourceNotifications.WaitForResourceAsync(stopped, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        }

        // The county keeps working on the two members left.
        await ServersComeBackTests.RegisterAsync(caseworker, WhileStopped, registered);
        var ids = registered.ToArray();
        var delivery = (await county.GetConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Delivery)))!;
        var centre = (await county.GetConnectionStringAsync(ResourceNames.TownshipDatabaseResource("hengshan")))!;
        await ServersComeBackTests.AllRegisteredAsync(delivery, centre, ids,
            (await county.GetConnectionStringAsync(ResourceNames.DatabaseOf(ResourceNames.Assessment)))!, testStarted, $"with {stopped} stopped");
        var reconnected = ports.Where(p => p.Key != stopped).Sum(p => EstablishedTo(p.Value));

        Assert.True((await commands.ExecuteCommandAsync(stopped, KnownResourceCommands.StartCommand)).Success, $"starting {stopped}");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await county.ResourceNotifications.WaitForResourceHealthyAsync(stopped, timeout.Token);
        }

        // Back in the cluster: the queue is served there again, and nothing was applied twice meanwhile.
        await using (var connection = await ConnectAsync(broker, ports[stopped]))
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclarePassiveAsync(CentreQueue);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.Length, await ServersComeBackTests.CountAsync(delivery, "recipients", ids));
        Assert.Equal(ids.Length, await ServersComeBackTests.CountAsync(centre, "households", ids));
        output.WriteLine($"stopped {stopped}, which had {connections} connections; {reconnected} connections on the other two while it was down; " +
            $"{ids.Length} registrations applied once each");
    }

    private static Task<DistributedApplication> StartAsync() => OwnCounty.StartAsync(DemoPassword, ThreeNodes, Members);

    private static Task<IConnection> ConnectAsync(Uri broker, int port) =>
        new ConnectionFactory { Uri = new UriBuilder(broker) { Port = port }.Uri }.CreateConnectionAsync();

    /// <summary>Established TCP connections whose server side is this port on this machine (clients of one member).</summary>
    private static int EstablishedTo(int port) =>
        TcpTables.Sum(table => File.ReadLines(table).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(columns => columns.Length > 3 && columns[3] == "01"
                              && int.Parse(columns[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port));
}
