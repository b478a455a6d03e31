using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// Chooses how the county's PostgreSQL, RabbitMQ and Redis are provided (<c>Infrastructure:Mode</c>):
/// <list type="bullet">
/// <item><c>containers</c> — Aspire's container resources (needs a healthy Docker or Podman);</item>
/// <item><c>executables</c> — the Debian packages' servers, run by the AppHost as executables;</item>
/// <item><c>external</c> — existing servers named by <c>ConnectionStrings:postgres|rabbitmq|redis</c> (production);</item>
/// <item><c>auto</c> (default) — external when those connection strings are set, else containers when a
/// runtime answers, else executables.</item>
/// </list>
/// </summary>
internal static class InfrastructureFactory
{
    public static CountyInfrastructure Add(IDistributedApplicationBuilder builder, LocalState state)
    {
        var mode = (builder.Configuration["Infrastructure:Mode"] ?? "auto").Trim().ToLowerInvariant();
        if (mode == "auto")
        {
            mode = HasExternalServers(builder.Configuration) ? "external"
                : ContainerRuntimeAnswers() ? "containers"
                : "executables";
        }

        return mode switch
        {
            "containers" => AddContainers(builder),
            "executables" => ExecutableInfrastructure.Add(builder, state),
            "external" => AddExternal(builder),
            _ => throw new InvalidOperationException(
                $"Infrastructure:Mode '{mode}' is not one of auto, containers, executables, external."),
        };
    }

    private static CountyInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var rabbitmq = builder.AddRabbitMQ(ResourceNames.Messaging);
        var redis = builder.AddRedis(ResourceNames.Cache);
        return new CountyInfrastructure(
            "containers",
            rabbitmq,
            redis,
            (resource, database) => postgres.AddDatabase(resource, database),
            [postgres, rabbitmq, redis],
            builder.Configuration["Messaging:QueueType"] ?? "classic");
    }

    private static CountyInfrastructure AddExternal(IDistributedApplicationBuilder builder)
    {
        foreach (var name in new[] { ResourceNames.Postgres, ResourceNames.Messaging, ResourceNames.Cache })
        {
            if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
            {
                throw new InvalidOperationException(
                    $"Infrastructure:Mode is external but ConnectionStrings:{name} is not set (environment variable ConnectionStrings__{name}).");
            }
        }

        var postgres = builder.AddConnectionString(ResourceNames.Postgres);
        return new CountyInfrastructure(
            "external",
            builder.AddConnectionString(ResourceNames.Messaging),
            builder.AddConnectionString(ResourceNames.Cache),
            (resource, database) => builder.AddConnectionString(resource, ReferenceExpression.Create($"{postgres.Resource};Database={database}")),
            [],
            // An existing broker that is a cluster: --Messaging:QueueType=quorum.
            builder.Configuration["Messaging:QueueType"] ?? "classic");
    }

    private static bool HasExternalServers(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ResourceNames.Postgres))
        && !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ResourceNames.Messaging))
        && !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ResourceNames.Cache));

    /// <summary>The docker CLI alone proves nothing: ask the daemon (<c>docker info</c>, else <c>podman info</c>).</summary>
    private static bool ContainerRuntimeAnswers() => Answers("docker") || Answers("podman");

    private static bool Answers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
