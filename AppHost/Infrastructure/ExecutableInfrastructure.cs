using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis from the Debian packages, run by the AppHost as executable resources on
/// ports DCP allocates, each with a readiness health check so that <c>WaitFor</c> means "accepts work".
/// Data lives in a fresh temporary folder per run unless <c>Infrastructure:DataDirectory</c> names one to keep;
/// PostgreSQL is backed up beside it (<see cref="PostgresBackups"/>) unless <c>Backups:Enabled</c> is false.
/// </summary>
internal static class ExecutableInfrastructure
{
    private const string Host = "127.0.0.1";

    /// <summary>The PostgreSQL server's max_connections, shared out among the services' pools (Database__MaxPoolSize).</summary>
    public const int MaxConnections = 500;

    public static CountyInfrastructure Add(IDistributedApplicationBuilder builder, LocalState state)
    {
        var password = state.Secret("servers-password");
        var scripts = Path.Combine(AppContext.BaseDirectory, "infra");

        var postgres = builder.AddExecutable(ResourceNames.Postgres, "bash", state.Root, Path.Combine(scripts, "postgres.sh"))
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false);
        var postgresPort = postgres.GetEndpoint("tcp").Property(EndpointProperty.Port);
        postgres.WithEnvironment("PG_PORT", postgresPort)
            .WithEnvironment("PG_DATA", Path.Combine(state.Root, "postgres"))
            .WithEnvironment("PG_PASSWORD", password)
            .WithEnvironment("PG_EPHEMERAL", state.Ephemeral ? "1" : "0")
            .WithEnvironment("PG_MAX_CONNECTIONS", MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var server = ReferenceExpression.Create($"Host={Host};Port={postgresPort};Username=postgres;Password={password}");
        var backups = BackupSettings.Read(builder.Configuration, state.Root);
        if (backups.Enabled)
        {
            PostgresBackups.Add(builder, postgres, postgresPort, server, password, backups, scripts);
        }

        var broker = AddBroker(builder, state, scripts, password);
        var messaging = broker.Messaging;

        var redis = builder.AddExecutable(ResourceNames.Cache + "-server", "bash", state.Root, Path.Combine(scripts, "redis.sh"))
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false);
        var redisPort = redis.GetEndpoint("tcp").Property(EndpointProperty.Port);
        redis.WithEnvironment("REDIS_PORT", redisPort)
            .WithEnvironment("REDIS_PASSWORD", password)
            .WithEnvironment("REDIS_DIR", state.Root)
            .WithEnvironment("REDIS_APPENDONLY", state.Ephemeral ? "no" : "yes");
        var cache = builder.AddConnectionString(
            ResourceNames.Cache,
            ReferenceExpression.Create($"{Host}:{redisPort},password={password}"));

        var postgresData = Path.Combine(state.Root, "postgres");
        AddReadinessCheck(builder, postgres, async ct =>
        {
            // A connection in the moment between "listening" and "ready" is refused with a FATAL line in the server's log
            // ("the database system is starting up"): connect only once the server says it is ready.
            if (!PostmasterSaysReady(postgresData))
            {
                throw new InvalidOperationException("PostgreSQL is still starting.");
            }

            await using var connection = new NpgsqlConnection($"{await server.GetValueAsync(ct)};Database=postgres;Timeout=3");
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
        });
        AddReadinessCheck(builder, redis, async ct =>
        {
            await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
                (await cache.Resource.ConnectionStringExpression.GetValueAsync(ct))! + ",abortConnect=true,connectTimeout=2000");
            await connection.GetDatabase().PingAsync();
        });

        // Every service's database exists before any service starts (as Aspire's PostgreSQL container does it):
        // the ready event runs once the server is healthy, and WaitFor waits for it. A service's migrator then
        // finds its database instead of failing to connect, and the start is quiet (no FATAL, no fail lines).
        var databases = new List<string>();
        builder.Eventing.Subscribe<ResourceReadyEvent>(postgres.Resource, async (_, ct) =>
            await CreateDatabasesAsync($"{await server.GetValueAsync(ct)};Database=postgres;Timeout=5", databases, ct));

        return new CountyInfrastructure(
            "executables",
            messaging,
            cache,
            (resource, database) =>
            {
                databases.Add(database);
                return builder.AddConnectionString(resource, ReferenceExpression.Create($"{server};Database={database}"));
            },
            [postgres, .. broker.Nodes, redis],
            broker.QueueType,
            broker.Members);
    }

    /// <summary>The broker's nodes, its connection string (the first node), the queue type and, on a cluster, every member's address.</summary>
    private sealed record Broker(
        IResourceBuilder<IResourceWithConnectionString> Messaging,
        IReadOnlyList<IResourceBuilder<IResource>> Nodes,
        string QueueType,
        ReferenceExpression? Members);

    /// <summary>
    /// RabbitMQ: one node, or with <c>Messaging:Nodes=3</c> a cluster of three on this machine — one Erlang cookie, one epmd
    /// (a resource of its own, so a member stopped and started again finds its peers), each member with its own node name,
    /// ports and data; the second and third join the first when they first boot. Services are told every member
    /// (<c>Messaging__Nodes</c>) and the queue type (<c>Messaging__QueueType</c>: quorum on a cluster, replicated to every
    /// member; classic on one node; <c>Messaging:QueueType</c> chooses otherwise).
    /// </summary>
    private static Broker AddBroker(IDistributedApplicationBuilder builder, LocalState state, string scripts, string password)
    {
        var count = builder.Configuration.GetValue("Messaging:Nodes", 1);
        if (count < 1)
        {
            throw new InvalidOperationException($"Messaging:Nodes must be 1 or more (it is {count}).");
        }

        IResourceBuilder<ExecutableResource>? epmd = null;
        if (count > 1)
        {
            epmd = builder.AddExecutable(ResourceNames.Messaging + "-epmd", "bash", state.Root, Path.Combine(scripts, "epmd.sh"))
                .WithEndpoint(name: "epmd", scheme: "tcp", isProxied: false);
            epmd.WithEnvironment("RABBIT_EPMD_PORT", epmd.GetEndpoint("epmd").Property(EndpointProperty.Port));
        }

        var members = string.Join(' ', Enumerable.Range(1, count).Select(i => $"relief{i}"));
        var cookie = count > 1 ? state.Secret("rabbitmq-cookie") : null;
        var nodes = new List<IResourceBuilder<IResource>>();
        var addresses = new ReferenceExpressionBuilder();
        IResourceBuilder<IResourceWithConnectionString>? messaging = null;
        for (var i = 1; i <= count; i++)
        {
            var node = builder.AddExecutable(
                    i == 1 ? ResourceNames.Messaging + "-server" : $"{ResourceNames.Messaging}-server-{i}", "bash", state.Root, Path.Combine(scripts, "rabbitmq.sh"))
                .WithEndpoint(name: "amqp", scheme: "tcp", isProxied: false)
                .WithEndpoint(name: "dist", scheme: "tcp", isProxied: false);
            var amqpPort = node.GetEndpoint("amqp").Property(EndpointProperty.Port);
            node.WithEnvironment("RABBIT_PORT", amqpPort)
                .WithEnvironment("RABBIT_DIST_PORT", node.GetEndpoint("dist").Property(EndpointProperty.Port))
                .WithEnvironment("RABBIT_DATA", Path.Combine(state.Root, count == 1 ? "rabbitmq" : $"rabbitmq-{i}"))
                .WithEnvironment("RABBIT_PASSWORD", password)
                .WithEnvironment("RABBIT_KEEP", state.Ephemeral ? "0" : "1");
            if (epmd is null)
            {
                node.WithEndpoint(name: "epmd", scheme: "tcp", isProxied: false);
                node.WithEnvironment("RABBIT_EPMD_PORT", node.GetEndpoint("epmd").Property(EndpointProperty.Port));
            }
            else
            {
                node.WithEnvironment("RABBIT_EPMD_PORT", epmd.GetEndpoint("epmd").Property(EndpointProperty.Port))
                    .WithEnvironment("RABBIT_EPMD_SHARED", "1")
                    .WithEnvironment("RABBIT_NODE", "relief" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .WithEnvironment("RABBIT_COOKIE", cookie)
                    .WithEnvironment("RABBIT_CLUSTER_NODES", members)
                    .WaitFor(epmd);
                if (nodes.Count > 0)
                {
                    // Joins the first member when it first boots, so the first must be up.
                    node.WaitFor(nodes[0]);
                }
            }

            var uri = ReferenceExpression.Create($"amqp://relief:{password}@{Host}:{amqpPort}");
            messaging ??= builder.AddConnectionString(ResourceNames.Messaging, uri);
            AddReadinessCheck(builder, node, async ct =>
            {
                var factory = new ConnectionFactory { Uri = new Uri((await uri.GetValueAsync(ct))!) };
                await using var connection = await factory.CreateConnectionAsync("apphost-health", ct);
            });
            if (i > 1)
            {
                addresses.AppendLiteral(",");
            }

            addresses.AppendLiteral($"{Host}:");
            addresses.AppendValueProvider(amqpPort);
            nodes.Add(node);
        }

        return new Broker(messaging!, nodes, builder.Configuration["Messaging:QueueType"] ?? (count > 1 ? "quorum" : "classic"),
            count > 1 ? addresses.Build() : null);
    }

    private static async Task CreateDatabasesAsync(string maintenanceConnection, IReadOnlyList<string> databases, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(maintenanceConnection);
        await connection.OpenAsync(ct);
        foreach (var database in databases.Distinct(StringComparer.Ordinal))
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                continue;
            }

            // CREATE DATABASE takes no parameters; the names are the AppHost's own constants, checked here anyway.
            if (!database.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw new InvalidOperationException($"Database name '{database}' is not a plain lower-case identifier.");
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// The server's own word on its state: the status line of <c>postmaster.pid</c> (its 8th line: starting, ready,
    /// standby or stopping), which the postmaster writes before it accepts connections — read without connecting.
    /// </summary>
    private static bool PostmasterSaysReady(string dataDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
            return lines.Length >= 8 && lines[7].Trim() == "ready";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true; // not ours to read (another user's server): the connection decides.
        }
    }

    private static void AddReadinessCheck<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> resource, Func<CancellationToken, Task> probe)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => new ProbeHealthCheck(probe),
            HealthStatus.Unhealthy,
            tags: null,
            timeout: TimeSpan.FromSeconds(5)));
        resource.WithHealthCheck(key);
    }

    private sealed class ProbeHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await probe(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        }
    }
}
