using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.Gateway.Extensions;
using ReliefPlatform.Gateway.Routing;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Township.Extensions;
using static ReliefPlatform.UnitTests.Deployment.KubernetesManifests;

namespace ReliefPlatform.UnitTests.Deployment;

/// <summary>
/// deploy/k8s, rendered as an operator would (<c>kubectl kustomize</c>), checked against the code it deploys: the AppHost's
/// county, connection names and environment, ServiceDefaults' health endpoints, the gateway's routes and the projects'
/// container names. A wrong probe path, env name, township or image name fails here rather than in a cluster.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new(OverlayNames());

    private static IEnumerable<string> OverlayNames() => Directory.GetDirectories(Path.Combine(RepositoryRoot(), "deploy", "k8s", "overlays"))
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>The services the gateway balances over and that keep nothing in memory a second replica would miss.</summary>
    private static readonly string[] Stateless = [.. ResourceNames.HubServices, ResourceNames.Gateway];

    /// <summary>Project file of each deployable resource (the township centres all run the Township project).</summary>
    private static readonly Dictionary<string, string> ProjectFiles = new(StringComparer.Ordinal)
    {
        [ResourceNames.Identity] = "services/Identity/ReliefPlatform.Identity.csproj",
        [ResourceNames.Assessment] = "services/Assessment/ReliefPlatform.Assessment.csproj",
        [ResourceNames.Catalogue] = "services/Catalogue/ReliefPlatform.Catalogue.csproj",
        [ResourceNames.Provider] = "services/Provider/ReliefPlatform.Provider.csproj",
        [ResourceNames.Delivery] = "services/Delivery/ReliefPlatform.Delivery.csproj",
        [ResourceNames.Funding] = "services/Funding/ReliefPlatform.Funding.csproj",
        [ResourceNames.Gateway] = "gateway/ReliefPlatform.Gateway.csproj",
        [ResourceNames.Portal] = "services/Portal/ReliefPlatform.Portal.csproj",
        ["township"] = "services/Township/ReliefPlatform.Township.csproj",
    };

    [Fact]
    public void Both_overlays_exist()
    {
        Assert.Equal(["county", "province-pilot"], OverlayNames());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_deployment_is_probed_on_the_health_endpoints_service_defaults_serve(string overlay)
    {
        var manifests = Render(overlay);
        var livenessPaths = new HashSet<string>(StringComparer.Ordinal);
        var readinessPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deployment in manifests.Deployments)
        {
            var container = Container(deployment);
            var port = container["ports"]!.AsArray().Single(p => (string)p!["name"]! == "http")!;
            Assert.Equal(manifests.Environment(deployment)["ASPNETCORE_HTTP_PORTS"], (string)port["containerPort"]!);
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                var get = container[probe]?["httpGet"];
                Assert.True(get is not null, $"{overlay}/{Name(deployment)} has no HTTP {probe}");
                Assert.Equal("http", (string)get["port"]!);
            }

            livenessPaths.Add((string)container["livenessProbe"]!["httpGet"]!["path"]!);
            livenessPaths.Add((string)container["startupProbe"]!["httpGet"]!["path"]!);
            readinessPaths.Add((string)container["readinessProbe"]!["httpGet"]!["path"]!);
        }

        // A service whose database is down is taken out of rotation (readiness) but not restarted (liveness): the liveness
        // path must answer 200 while a check fails, the readiness path 503.
        await using var app = await StartServiceDefaultsAsync(failingCheck: true);
        using var client = new HttpClient { BaseAddress = app.Address };
        foreach (var path in livenessPaths)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        foreach (var path in readinessPaths)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        await using var healthy = await StartServiceDefaultsAsync(failingCheck: false);
        using var healthyClient = new HttpClient { BaseAddress = healthy.Address };
        foreach (var path in readinessPaths)
        {
            Assert.Equal(HttpStatusCode.OK, (await healthyClient.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_requests_and_is_limited_in_cpu_and_memory(string overlay)
    {
        var manifests = Render(overlay);
        var containers = manifests.Deployments.Select(Container)
            .Concat(manifests.OfKind("StatefulSet").Select(s => s["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject()));
        foreach (var container in containers)
        {
            foreach (var kind in new[] { "requests", "limits" })
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.False(string.IsNullOrEmpty((string?)container["resources"]?[kind]?[resource]),
                        $"{overlay}/{container["name"]}: no {resource} {kind}");
                }
            }
        }

        foreach (var cluster in manifests.OfKind("Cluster").Concat(manifests.OfKind("RabbitmqCluster")))
        {
            Assert.NotNull(cluster["spec"]!["resources"]?["limits"]?["memory"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_stateless_service_runs_several_replicas_with_an_autoscaler_and_a_disruption_budget(string overlay)
    {
        var manifests = Render(overlay);
        foreach (var name in Stateless)
        {
            var deployment = manifests.Single("Deployment", name);
            Assert.True(Int(deployment["spec"]!["replicas"]) >= 2, $"{overlay}/{name} runs one replica");

            var autoscaler = manifests.Single("HorizontalPodAutoscaler", name);
            Assert.Equal("Deployment", (string)autoscaler["spec"]!["scaleTargetRef"]!["kind"]!);
            Assert.Equal(name, (string)autoscaler["spec"]!["scaleTargetRef"]!["name"]!);
            Assert.True(Int(autoscaler["spec"]!["minReplicas"]) >= 2);
            Assert.True(Int(autoscaler["spec"]!["maxReplicas"]) > Int(autoscaler["spec"]!["minReplicas"]));
            Assert.Equal(Int(autoscaler["spec"]!["minReplicas"]), Int(deployment["spec"]!["replicas"]));

            var budget = manifests.Single("PodDisruptionBudget", name);
            Assert.True(Selects(budget["spec"]!["selector"]!["matchLabels"]!.AsObject(), PodLabels(deployment)), $"{overlay}: PDB {name} selects none of its pods");
            Assert.Equal(
                [name],
                manifests.Deployments.Where(d => Selects(budget["spec"]!["selector"]!["matchLabels"]!.AsObject(), PodLabels(d))).Select(Name));
        }

        Assert.Equal("3", (string)manifests.Single("RabbitmqCluster", ResourceNames.Messaging)["spec"]!["replicas"]!);
        Assert.Equal("3", (string)manifests.Single("Cluster", ResourceNames.Postgres)["spec"]!["instances"]!);
        Assert.Contains("default_queue_type = quorum", (string)manifests.Single("RabbitmqCluster", ResourceNames.Messaging)["spec"]!["rabbitmq"]!["additionalConfig"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_pods_connection_pool_fits_in_the_database_servers_connections_at_the_autoscalers_maximum(string overlay)
    {
        var manifests = Render(overlay);
        var maxConnections = Int(manifests.Single("Cluster", ResourceNames.Postgres)["spec"]!["postgresql"]!["parameters"]!["max_connections"]);
        var asked = 0;
        foreach (var deployment in manifests.Deployments)
        {
            var env = Container(deployment)["env"]!.AsArray().Select(e => e!.AsObject()).ToList();
            if (!env.Any(e => ((string)e["name"]!).StartsWith("ConnectionStrings__", StringComparison.Ordinal) && ((string?)e["value"])?.Contains("postgres-rw", StringComparison.Ordinal) == true))
            {
                continue;
            }

            var pool = env.SingleOrDefault(e => (string)e["name"]! == "Database__MaxPoolSize");
            Assert.True(pool is not null, $"{overlay}/{Name(deployment)} uses the database with Npgsql's default pool of 100");
            var autoscaler = manifests.OfKind("HorizontalPodAutoscaler").SingleOrDefault(a => (string)a["spec"]!["scaleTargetRef"]!["name"]! == Name(deployment));
            asked += Int(pool["value"]) * (autoscaler is null ? Int(deployment["spec"]!["replicas"]) : Int(autoscaler["spec"]!["maxReplicas"]));
        }

        // Room left for CloudNativePG's own connections (replication, monitoring) and an operator's psql.
        Assert.True(asked <= maxConnections - 50, $"{overlay}: the pods' pools may open {asked} connections; the cluster allows {maxConnections}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_secret_value_is_in_the_repository(string overlay)
    {
        var manifests = Render(overlay);
        Assert.Empty(manifests.OfKind("Secret"));
        var secretNames = AppHostSecretEnvironment();
        Assert.NotEmpty(secretNames);
        foreach (var deployment in manifests.Deployments.Concat(manifests.OfKind("StatefulSet")))
        {
            var environment = manifests.Environment(deployment);
            foreach (var (name, value) in environment)
            {
                if (IsSecret(name, secretNames))
                {
                    Assert.StartsWith("secretref.", value, StringComparison.Ordinal);
                }

                // A password inside a connection string comes from a Secret's variable, never written out.
                foreach (Match match in PasswordInConnectionString().Matches(value))
                {
                    Assert.StartsWith("secretref.", match.Groups[1].Value, StringComparison.Ordinal);
                }
            }
        }

        foreach (var map in manifests.OfKind("ConfigMap"))
        {
            foreach (var key in map["data"]!.AsObject().Select(p => p.Key))
            {
                Assert.False(IsSecret(key, secretNames), $"{overlay}: ConfigMap {Name(map)} carries {key}, a secret");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Only_the_gateway_is_reachable_from_outside_the_county(string overlay)
    {
        var manifests = Render(overlay);
        foreach (var service in manifests.OfKind("Service"))
        {
            Assert.Equal("ClusterIP", (string?)service["spec"]!["type"] ?? "ClusterIP");
        }

        var ingresses = manifests.OfKind("Ingress").ToList();
        Assert.NotEmpty(ingresses);
        var backends = ingresses.SelectMany(i => i["spec"]!["rules"]!.AsArray())
            .SelectMany(r => r!["http"]!["paths"]!.AsArray()).Select(p => (string)p!["backend"]!["service"]!["name"]!);
        Assert.All(backends, b => Assert.Equal(ResourceNames.Gateway, b));

        var policies = manifests.OfKind("NetworkPolicy").ToList();
        // From another namespace (an ingress controller, another county), from inside the county.
        var outsider = new Peer(Namespace: "ingress-nginx", NamespaceLabels: new() { ["kubernetes.io/metadata.name"] = "ingress-nginx" }, PodLabels: []);
        var neighbour = new Peer(Namespace: null, NamespaceLabels: [], PodLabels: new() { ["app.kubernetes.io/name"] = ResourceNames.Gateway });
        foreach (var deployment in manifests.Deployments.Concat(manifests.OfKind("StatefulSet")))
        {
            var labels = PodLabels(deployment);
            var selected = policies.Where(p => Selects(p["spec"]!["podSelector"]!["matchLabels"]?.AsObject() ?? [], labels)).ToList();
            Assert.True(selected.Count > 0, $"{overlay}: no NetworkPolicy selects {Name(deployment)}, so everything reaches it");
            var reachable = selected.Any(p => Admits(p, outsider, 8080) || Admits(p, outsider, 5432) || Admits(p, outsider, 6379));
            Assert.True(reachable == (Name(deployment) == ResourceNames.Gateway),
                $"{overlay}: {Name(deployment)} is {(reachable ? "" : "not ")}reachable from another namespace");
            Assert.True(selected.Any(p => Admits(p, neighbour, 8080) || Admits(p, neighbour, 6379)),
                $"{overlay}: the gateway cannot reach {Name(deployment)}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_township_centres_are_the_ones_the_overlay_runs(string overlay)
    {
        var manifests = Render(overlay);
        var appHost = AppHostSettings();
        var county = appHost.GetSection(CountyOptions.Section).Get<CountyOptions>()!;
        // county: what the AppHost runs by default (Townships:Run); province-pilot: every township centre of the county.
        var expected = overlay == "county"
            ? appHost["Townships:Run"]!.Split(',', StringSplitOptions.TrimEntries).Select(s => county.Townships.Single(t => t.Slug == s)).ToList()
            : county.Townships;
        Assert.True(expected.Count > 0);

        var centres = manifests.Deployments.Where(d => (string?)PodLabels(d)["app.kubernetes.io/component"] == "township").ToList();
        Assert.Equal(expected.Select(t => ResourceNames.TownshipService(t.Slug)).Order(StringComparer.Ordinal), centres.Select(Name).Order(StringComparer.Ordinal));
        foreach (var township in expected)
        {
            var deployment = manifests.Single("Deployment", ResourceNames.TownshipService(township.Slug));
            var configuration = manifests.Configuration(deployment);
            // What the centre itself resolves at start from its configuration.
            var current = CurrentTownship.Resolve(configuration);
            Assert.Equal((township.Code, township.Slug), (current.Code, current.Slug));
            Assert.Equal(ResourceNames.TownshipDatabaseName(township.Slug), DatabaseOf(configuration.GetConnectionString(ResourceNames.TownshipDatabase)));
        }

        // The gateway routes /api/townships/<code>/… to exactly these centres, each a Service of the county.
        var gateway = manifests.Configuration(manifests.Single("Deployment", ResourceNames.Gateway));
        var options = gateway.GetSection(GatewayOptions.Section).Get<GatewayOptions>()!;
        Assert.Equal(expected.Select(t => t.Code), options.Townships);
        var (_, clusters) = GatewayRoutes.Build(expected, options.MaxRequestBodySize);
        foreach (var destination in clusters.SelectMany(c => c.Destinations!.Values))
        {
            var host = new Uri(destination.Address).Host;
            var service = manifests.Single("Service", host);
            Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string)p!["port"]! == "80");
            Assert.Contains(manifests.Deployments, d => Selects(service["spec"]!["selector"]!.AsObject(), PodLabels(d)));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_gets_the_configuration_the_apphost_gives_it(string overlay)
    {
        var manifests = Render(overlay);
        var county = AppHostSettings().GetSection(CountyOptions.Section).Get<CountyOptions>()!;
        var databases = manifests.OfKind("Database").Select(d => (string)d["spec"]!["name"]!).ToHashSet(StringComparer.Ordinal);
        var postgresHost = $"{Name(manifests.Single("Cluster", ResourceNames.Postgres))}-rw";
        var apphostNames = AppHostEnvironment();
        var countyKeys = CountyKeyEnvironment();
        var everyName = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deployment in manifests.Deployments)
        {
            var name = Name(deployment);
            var township = name.StartsWith("township-", StringComparison.Ordinal);
            var configuration = manifests.Configuration(deployment);
            var environment = manifests.Environment(deployment);
            everyName.UnionWith(environment.Keys);

            // The county's seed data, as every service binds it.
            var bound = configuration.GetSection(CountyOptions.Section).Get<CountyOptions>()!;
            Assert.Equal(county.Code, bound.Code);
            Assert.Equal(
                county.Townships.SelectMany(t => t.Villages.Select(v => (t.Code, t.Name, t.Slug, v.Code, v.Name))),
                bound.Townships.SelectMany(t => t.Villages.Select(v => (t.Code, t.Name, t.Slug, v.Code, v.Name))));

            // Connection strings by the names the services ask for; databases that CloudNativePG creates.
            var connectionNames = name == ResourceNames.Gateway || name == ResourceNames.Portal ? new[] { ResourceNames.Cache }
                : new[] { township ? ResourceNames.TownshipDatabase : ResourceNames.DatabaseOf(name), ResourceNames.Messaging, ResourceNames.Cache };
            foreach (var connection in connectionNames)
            {
                Assert.False(string.IsNullOrEmpty(configuration.GetConnectionString(connection)), $"{overlay}/{name}: no ConnectionStrings__{connection}");
            }

            if (connectionNames.Length > 1)
            {
                var database = configuration.GetConnectionString(connectionNames[0])!;
                Assert.Contains(DatabaseOf(database), databases);
                Assert.Contains($"Host={postgresHost};", database, StringComparison.Ordinal);
                Assert.Equal(ResourceNames.Messaging, new Uri(configuration.GetConnectionString(ResourceNames.Messaging)!).Host);
            }

            Assert.Equal(ResourceNames.Cache, configuration.GetConnectionString(ResourceNames.Cache)!.Split(':')[0]);
            manifests.Single("Service", ResourceNames.Cache);

            // The county keys: personal data for every service that holds it, token keys for Identity.
            var keys = name == ResourceNames.Identity ? countyKeys.Where(k => k.StartsWith("Identity__", StringComparison.Ordinal))
                : township || ResourceNames.HubServices.Contains(name) ? countyKeys.Where(k => k.StartsWith("PersonalData__", StringComparison.Ordinal))
                : [];
            foreach (var key in keys)
            {
                Assert.True(environment.ContainsKey(key), $"{overlay}/{name}: no {key}");
            }

            // Every name set is one the code reads: the AppHost's, the county's, a connection string, or a helper of another.
            var helpers = Helpers(deployment);
            foreach (var variable in environment.Keys)
            {
                Assert.True(
                    apphostNames.Contains(variable) || countyKeys.Contains(variable) || helpers.Contains(variable) || variable == ActiveKeyEnvironment()
                    || variable.StartsWith($"{CountyOptions.Section}__", StringComparison.Ordinal)
                    || variable.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                    || GatewayTownship().IsMatch(variable)
                    || variable is "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT",
                    $"{overlay}/{name} sets {variable}, which no code reads");
            }
        }

        // And every setting the AppHost hands a service in a production county is set somewhere.
        foreach (var variable in apphostNames.Except(DevelopmentOnly).Except(LocalClusterOnly))
        {
            Assert.True(everyName.Contains(variable), $"{overlay}: the AppHost sets {variable}, no Deployment does");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Images_are_the_names_dotnet_publish_gives_the_containers(string overlay)
    {
        var manifests = Render(overlay);
        var root = RepositoryRoot();
        var common = XDocument.Load(Path.Combine(root, "Directory.Build.props"));
        string? Property(XDocument project, string name) =>
            project.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault() ?? common.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault();

        foreach (var deployment in manifests.Deployments)
        {
            var name = Name(deployment);
            var project = XDocument.Load(Path.Combine(root, ProjectFiles[name.StartsWith("township-", StringComparison.Ordinal) ? "township" : name]));
            var repository = Property(project, "ContainerRepository");
            var tag = Property(project, "ContainerImageTag");
            Assert.False(string.IsNullOrEmpty(repository) || string.IsNullOrEmpty(tag), $"{name}'s project names no container");
            var registry = Property(project, "ContainerRegistry");
            Assert.Equal($"{(string.IsNullOrEmpty(registry) ? "" : registry + "/")}{repository}:{tag}", (string)Container(deployment)["image"]!);
        }

        Assert.Equal(
            ProjectFiles.Keys.Where(k => k != "township").Order(StringComparer.Ordinal),
            manifests.Deployments.Select(Name).Where(n => !n.StartsWith("township-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    /// <summary>Settings only a Development county gets (the demo users' password).</summary>
    private static readonly string[] DevelopmentOnly = ["Identity__DemoPassword", "Demo__Password"];

    // The members of a RabbitMQ cluster the AppHost runs on one machine, by port; in Kubernetes the rabbitmq Service is the
    // cluster's one address.
    private static readonly string[] LocalClusterOnly = ["Messaging__Nodes"];

    /// <summary>Env names the AppHost hands its services as literals (<c>WithEnvironment("…", …)</c>).</summary>
    private static HashSet<string> AppHostEnvironment()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in AppHostSources())
        {
            names.UnionWith(LiteralEnvironment().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));
        }

        Assert.Contains("Township__Code", names);
        return names;
    }

    /// <summary>The env names of the county keys (AppHost's CountyKeys.Settings, <c>:</c> as <c>__</c>).</summary>
    private static HashSet<string> CountyKeyEnvironment()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "AppHost", "Infrastructure", "CountyKeys.cs"));
        var keyId = Regex.Match(source, "PersonalDataKeyId = \"([^\"]+)\"").Groups[1].Value;
        var names = Regex.Matches(source, @"\] = \$?""([^""]+)""")
            .Select(m => m.Groups[1].Value.Replace("{PersonalDataKeyId}", keyId, StringComparison.Ordinal).Replace(":", "__", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(4, names.Count);
        return names;
    }

    /// <summary>The setting naming the active personal-data key: an id, not a key.</summary>
    private static string ActiveKeyEnvironment()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "AppHost", "Infrastructure", "CountyKeys.cs"));
        return Regex.Match(source, "ActiveKeySetting = \"([^\"]+)\"").Groups[1].Value.Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>A secret by the AppHost's secrets, or by its name (…Secret, …Key, …Password), whatever the manifest calls it.</summary>
    private static bool IsSecret(string name, HashSet<string> secretNames) =>
        secretNames.Contains(name)
        || (SecretName().IsMatch(name) && name != ActiveKeyEnvironment() && !name.StartsWith($"{CountyOptions.Section}__", StringComparison.Ordinal));

    /// <summary>Names the AppHost fills from its secrets (<c>state.Secret</c>, the county keys): never a literal in a manifest.</summary>
    private static HashSet<string> AppHostSecretEnvironment()
    {
        var names = CountyKeyEnvironment();
        foreach (var file in AppHostSources())
        {
            names.UnionWith(SecretEnvironment().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));
        }

        return names;
    }

    /// <summary>The AppHost's sources that configure its projects: not those that run servers as executables (PostgreSQL,
    /// RabbitMQ, Redis from Debian's packages), which in a cluster are the operators' and the StatefulSet's.</summary>
    private static IEnumerable<string> AppHostSources() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "AppHost"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !File.ReadAllText(f).Contains("AddExecutable", StringComparison.Ordinal));

    private static IConfiguration AppHostSettings() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), "AppHost", "appsettings.json")).Build();

    private static string DatabaseOf(string? connectionString) =>
        Regex.Match(connectionString ?? "", "(?:^|;)Database=([^;]+)").Groups[1].Value;

    private static int Int(JsonNode? node) => int.Parse((string)node!, CultureInfo.InvariantCulture);

    private static bool Selects(JsonObject matchLabels, JsonObject labels) =>
        matchLabels.All(l => (string?)labels[l.Key] == (string?)l.Value);

    private sealed record Peer(string? Namespace, Dictionary<string, string> NamespaceLabels, Dictionary<string, string> PodLabels);

    /// <summary>Whether a NetworkPolicy lets a peer (another namespace's pod when Namespace is set, else one of the county's) in.</summary>
    private static bool Admits(JsonObject policy, Peer peer, int port)
    {
        foreach (var rule in policy["spec"]!["ingress"]?.AsArray() ?? [])
        {
            var ports = rule!["ports"]?.AsArray();
            if (ports is not null && !ports.Any(p => (string)p!["port"]! == port.ToString(CultureInfo.InvariantCulture)))
            {
                continue;
            }

            var from = rule["from"]?.AsArray();
            if (from is null || from.Count == 0)
            {
                return true;
            }

            foreach (var source in from)
            {
                if (source!["ipBlock"] is not null)
                {
                    return true;
                }

                var namespaces = source["namespaceSelector"]?["matchLabels"]?.AsObject();
                var pods = source["podSelector"]?["matchLabels"]?.AsObject();
                var namespaceMatches = source["namespaceSelector"] is null
                    ? peer.Namespace is null
                    : (namespaces ?? []).All(l => peer.NamespaceLabels.TryGetValue(l.Key, out var v) && v == (string?)l.Value);
                var podMatches = source["podSelector"] is null
                    || (pods ?? []).All(l => peer.PodLabels.TryGetValue(l.Key, out var v) && v == (string?)l.Value);
                if (namespaceMatches && podMatches)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static async Task<RunningDefaults> StartServiceDefaultsAsync(bool failingCheck)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        if (failingCheck)
        {
            builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy());
        }

        var app = builder.Build();
        app.UseServiceDefaults();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningDefaults(app, new Uri(address));
    }

    private sealed record RunningDefaults(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    [GeneratedRegex(@"WithEnvironment\(\s*""([A-Za-z0-9_]+)""")]
    private static partial Regex LiteralEnvironment();

    [GeneratedRegex(@"WithEnvironment\(\s*""([A-Za-z0-9_]+)""\s*,\s*state\.Secret\(")]
    private static partial Regex SecretEnvironment();

    [GeneratedRegex(@"(?i)(secret|key|password)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^Gateway__Townships__\d+$")]
    private static partial Regex GatewayTownship();

    [GeneratedRegex(@"(?i)password=([^;,]*)")]
    private static partial Regex PasswordInConnectionString();
}
