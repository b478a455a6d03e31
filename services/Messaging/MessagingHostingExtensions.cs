using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReliefPlatform.Contracts;
using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Leases;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Messaging.Routing;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Messaging;

public static class MessagingHostingExtensions
{
    /// <summary>
    /// Registers the service's own PostgreSQL database under <paramref name="connectionName"/>, with
    /// Aspire's health check and telemetry, the outbox interceptor and the leases of its background jobs
    /// (<see cref="JobLeases"/>). A missing connection string fails the start loudly.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        var connectionString = WithPoolCap(RequiredConnectionString(builder.Configuration, connectionName), builder.Configuration);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxInterceptor>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new JobLeases(connectionString, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JobLeases>>()));
        builder.Services.AddDbContext<TDbContext>((sp, options) => options
            .UseNpgsql(connectionString)
            .AddInterceptors(sp.GetRequiredService<OutboxInterceptor>()));
        // Explicit transactions (inbox, relay) and a retrying execution strategy do not mix; failed
        // consumers are retried by MassTransit instead.
        // Aspire's own database check reports a probe its caller abandoned as an unhealthy database, an error in
        // the log of a healthy service; ours hands the cancellation back instead.
        builder.EnrichNpgsqlDbContext<TDbContext>(settings =>
        {
            settings.DisableRetry = true;
            settings.DisableHealthChecks = true;
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDbContext>>(typeof(TDbContext).Name);
        return builder;
    }

    /// <summary>
    /// The process's share of the server's connections (<c>Database:MaxPoolSize</c>, set by the AppHost and the manifests),
    /// unless the connection string sets its own.
    /// </summary>
    internal static string WithPoolCap(string connectionString, IConfiguration configuration)
    {
        if (configuration.GetValue<int?>("Database:MaxPoolSize") is not { } cap
            || System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"Max(imum\s*)?Pool\s*Size\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = cap }.ConnectionString;
    }

    /// <summary>
    /// MassTransit on the county's RabbitMQ: queues prefixed by <paramref name="endpointPrefix"/>, a bounded
    /// exponential retry before a message goes to its <c>_error</c> queue, and the outbox relay for
    /// <typeparamref name="TDbContext"/>.
    /// </summary>
    /// <summary>Messages each receive endpoint works on at once, unless <c>Messaging:PrefetchCount</c> says otherwise.</summary>
    public const int DefaultPrefetchCount = 16;

    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string endpointPrefix,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TDbContext : DbContext
    {
        var address = BrokerAddress.Parse(RequiredConnectionString(builder.Configuration, ResourceNames.Messaging), builder.Configuration["Messaging:Nodes"]);
        var broker = address.Uri;
        // Quorum queues on a cluster (replicated to its members: a member lost loses no message), classic on one node.
        var quorum = builder.Configuration["Messaging:QueueType"] switch
        {
            null or "" or "classic" => false,
            "quorum" => true,
            var other => throw new InvalidOperationException($"Messaging:QueueType is '{other}'; it must be classic or quorum."),
        };
        var endpoints = new ReceiveEndpointRegistry();
        var prefetch = builder.Configuration.GetValue<int?>("Messaging:PrefetchCount") ?? DefaultPrefetchCount;
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise post usage data to its vendor's host a few minutes after start: a county's
            // social-assistance system calls out to no one. In code, so every deployment has it, not only the AppHost's.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, false));
            bus.AddConfigureEndpointsCallback((queue, endpoint) =>
            {
                endpoints.Add(queue);
                if (quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.SetQuorumQueue();
                }
            });
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker, host =>
                {
                    var (user, password) = Credentials(broker);
                    if (user is not null)
                    {
                        host.Username(user);
                        host.Password(password ?? "");
                    }

                    if (address.Nodes.Count > 0)
                    {
                        host.UseCluster(cluster =>
                        {
                            foreach (var node in address.Nodes)
                            {
                                cluster.Node(node);
                            }
                        });
                    }
                });
                // MassTransit's default prefetch is twice the cores — 4 on a two-core box, too few for consumers that
                // wait on a database or another service most of the time. Each endpoint takes this many at once.
                rabbit.PrefetchCount = prefetch;
                // A township event goes under its township's routing key (TownshipRouting) however it is published: the relay,
                // a test's or the benchmark's own bus.
                rabbit.ConfigurePublish(publish => publish.UseExecute(context =>
                {
                    if (context is SendContext<ITownshipEvent> township)
                    {
                        context.SetRoutingKey(township.Message.RoutingKey);
                    }
                }));
                rabbit.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(400)));
                rabbit.ConfigureEndpoints(context);
            });
        });

        // The relay starts after the bus is connected and its queues are bound.
        builder.Services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = true);
        builder.Services.AddSingleton(address);
        builder.Services.AddSingleton(new ErrorQueueReplayer(address));
        builder.Services.AddOptions<WaitingEventOptions>().BindConfiguration(WaitingEventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WaitingEventReplayer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WaitingEventReplayer>());
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IOutboxPublisher, MassTransitOutboxPublisher>();
        builder.Services.AddSingleton<OutboxDispatcher<TDbContext>>();
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        return builder;
    }

    private static (string? User, string? Password) Credentials(Uri broker)
    {
        if (string.IsNullOrEmpty(broker.UserInfo))
        {
            return (null, null);
        }

        var parts = broker.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null);
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is not configured. Start the service from the AppHost, or set ConnectionStrings__{name}.");
}
