using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.AppHost.Infrastructure;

internal static class ResourceBuilderExtensions
{
    /// <summary>Hands the county's seed data (code, name, townships and their villages) to a service as configuration.</summary>
    public static IResourceBuilder<ProjectResource> WithCounty(this IResourceBuilder<ProjectResource> service, CountyModel model)
    {
        var county = model.County;
        service.WithEnvironment($"{CountyOptions.Section}__Code", county.Code)
            .WithEnvironment($"{CountyOptions.Section}__Name", county.Name);
        for (var i = 0; i < county.Townships.Count; i++)
        {
            var township = county.Townships[i];
            service.WithEnvironment($"{CountyOptions.Section}__Townships__{i}__Code", township.Code)
                .WithEnvironment($"{CountyOptions.Section}__Townships__{i}__Name", township.Name)
                .WithEnvironment($"{CountyOptions.Section}__Townships__{i}__Slug", township.Slug);
            for (var j = 0; j < township.Villages.Count; j++)
            {
                service.WithEnvironment($"{CountyOptions.Section}__Townships__{i}__Villages__{j}__Code", township.Villages[j].Code)
                    .WithEnvironment($"{CountyOptions.Section}__Townships__{i}__Villages__{j}__Name", township.Villages[j].Name);
            }
        }

        return service;
    }

    /// <summary>Its own database (under <paramref name="connectionName"/>), the broker and the cache; starts once they are ready.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(
        this IResourceBuilder<ProjectResource> service,
        CountyInfrastructure infrastructure,
        IResourceBuilder<IResourceWithConnectionString> database,
        string? connectionName = null)
    {
        service.WithReference(database, connectionName)
            .WithReference(infrastructure.Messaging, ResourceNames.Messaging)
            .WithReference(infrastructure.Cache, ResourceNames.Cache);
        service.WithEnvironment("Messaging__QueueType", infrastructure.QueueType);
        if (infrastructure.MessagingNodes is { } nodes)
        {
            service.WithEnvironment("Messaging__Nodes", nodes);
        }

        foreach (var server in infrastructure.Servers)
        {
            service.WaitFor(server);
        }

        return service;
    }

    /// <summary>Operations staff replay a service's failed messages from the dashboard once the cause is fixed.</summary>
    public static IResourceBuilder<ProjectResource> WithReplayCommand(this IResourceBuilder<ProjectResource> service, string opsKey)
    {
        service.WithEnvironment("Ops__Key", opsKey);
        return service.WithHttpCommand(
            "/ops/messaging/replay-errors",
            "Replay failed messages",
            commandOptions: new HttpCommandOptions
            {
                Description = "Move this service's messages from its _error queues back to work (重放失败消息)",
                IconName = "ArrowRepeatAll",
                ConfirmationMessage = "Replay every failed message of this service?",
                PrepareRequest = context =>
                {
                    context.Request.Headers.Add("X-Ops-Key", opsKey);
                    return Task.CompletedTask;
                },
            });
    }
}
