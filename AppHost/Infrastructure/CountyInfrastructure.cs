namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// The servers the county runs on, whichever way they are provided. Services see the same
/// connection-string names in every mode.
/// </summary>
internal sealed class CountyInfrastructure(
    string mode,
    IResourceBuilder<IResourceWithConnectionString> messaging,
    IResourceBuilder<IResourceWithConnectionString> cache,
    Func<string, string, IResourceBuilder<IResourceWithConnectionString>> database,
    IReadOnlyList<IResourceBuilder<IResource>> servers,
    string queueType = "classic",
    ReferenceExpression? messagingNodes = null)
{
    public string Mode { get; } = mode;

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; } = messaging;

    public IResourceBuilder<IResourceWithConnectionString> Cache { get; } = cache;

    /// <summary>The type of the services' receive queues: quorum on a cluster, classic on one node.</summary>
    public string QueueType { get; } = queueType;

    /// <summary>Every member of a local RabbitMQ cluster (<c>host:port,…</c>), or null on one node.</summary>
    public ReferenceExpression? MessagingNodes { get; } = messagingNodes;

    /// <summary>The resources a service waits for before it starts (each has a readiness health check).</summary>
    public IReadOnlyList<IResourceBuilder<IResource>> Servers { get; } = servers;

    /// <summary>A database of its own for one service or township: (resource name, database name).</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string resourceName, string databaseName) =>
        database(resourceName, databaseName);
}
