using RabbitMQ.Client;

namespace ReliefPlatform.Messaging;

/// <summary>
/// Where the county's RabbitMQ is: the connection string's node (user, password, virtual host) and, on a cluster, every
/// member (<c>Messaging:Nodes</c>, <c>host:port</c> separated by commas), so a connection is made to whichever member answers.
/// </summary>
public sealed record BrokerAddress(Uri Uri, IReadOnlyList<string> Nodes)
{
    public static BrokerAddress Parse(string connectionString, string? nodes) =>
        new(new Uri(connectionString), (nodes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>A connection to the first member that answers (the connection string's node when no members are named).</summary>
    public Task<IConnection> ConnectAsync(string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = Uri };
        return Nodes.Count == 0
            ? factory.CreateConnectionAsync(clientName, cancellationToken)
            : factory.CreateConnectionAsync([.. Nodes.Select(AmqpTcpEndpoint.Parse)], clientName, cancellationToken);
    }
}
