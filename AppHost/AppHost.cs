using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.AppHost.Operations;
using Microsoft.Extensions.Configuration;
using ReliefPlatform.ServiceDefaults;

// Operator commands, run instead of the county (see README, "Backups, keys and restore").
if (args is [KeysCommand.Name, ..])
{
    return await KeysCommand.RunAsync(args[1..]);
}

if (args is [RestoreCommand.Name, ..])
{
    return await RestoreCommand.RunAsync(args[1..]);
}

if (args is [ReconcileCommand.Name, ..])
{
    return await ReconcileCommand.RunAsync(args[1..]);
}

var builder = DistributedApplication.CreateBuilder(args);

var county = CountyModel.Read(builder.Configuration);
var state = LocalState.Prepare(builder.Configuration);
var infrastructure = InfrastructureFactory.Add(builder, state);
var opsKey = state.Secret("ops-key");
var demoPassword = state.Secret("demo-password", LocalState.NewPassword);

var identity = builder.AddProject<Projects.ReliefPlatform_Identity>(ResourceNames.Identity)
    .WithCounty(county)
    .WithInfrastructure(infrastructure, infrastructure.Database(ResourceNames.DatabaseOf(ResourceNames.Identity), ResourceNames.DatabaseOf(ResourceNames.Identity)))
    .WithEnvironment("Identity__DemoPassword", demoPassword)
    .WithEnvironment("Identity__ServiceClientSecret", state.Secret("service-client-secret"))
    .WithCountyKey(state, CountyKeys.TokenSigningKey, LocalState.NewRsaKey)
    .WithCountyKey(state, CountyKeys.TokenEncryptionKey, LocalState.NewKey)
    .WithEnvironment("Identity__TownshipClientSecret", state.Secret("township-client-secret"))
    .WithHttpHealthCheck("/health");

// Every process with a database pool shares one server's connections: Npgsql's default of 100 per pool lets a dozen busy
// processes (more with replicas) ask for more than max_connections allows ("too many clients"). Each gets an equal share,
// 50 kept for operators, backups and restores. --Database:MaxConnections for a server of another size.
var maxConnections = builder.Configuration.GetValue("Database:MaxConnections", ExecutableInfrastructure.MaxConnections);
var poolingProcesses = 1 + county.Running.Count
    + new[] { ResourceNames.Assessment, ResourceNames.Catalogue, ResourceNames.Provider, ResourceNames.Delivery, ResourceNames.Funding }.Sum(Replicas);
var poolSize = Math.Clamp((maxConnections - 50) / poolingProcesses, 5, 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
identity.WithEnvironment("Database__MaxPoolSize", poolSize);

IResourceBuilder<ProjectResource> Service(IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> database, string? connectionName = null) =>
    service.WithCounty(county)
        .WithEnvironment("Database__MaxPoolSize", poolSize)
        .WithInfrastructure(infrastructure, database, connectionName)
        .WithReference(identity)
        .WithCountyKey(state, CountyKeys.PersonalDataKey, LocalState.NewKey)
        .WithEnvironment(CountyKeys.Environment(CountyKeys.ActiveKeySetting), CountyKeys.PersonalDataKeyId)
        .WithCountyKey(state, CountyKeys.PersonalDataIndexKey, LocalState.NewKey)
        .WithEnvironment("ServiceClient__Secret", state.Secret("service-client-secret"))
        .WithReplayCommand(opsKey)
        .WithHttpHealthCheck("/health");

// Several instances of a hub service behind one address (--Replicas:Delivery=3; default 1): consumers compete for the
// queue, the outbox relay claims rows with SKIP LOCKED, and each background job runs on the replica holding its lease.
int Replicas(string name)
{
    var replicas = builder.Configuration.GetValue($"Replicas:{name}", 1);
    return replicas >= 1 ? replicas : throw new InvalidOperationException($"Replicas:{name} must be 1 or more (it is {replicas}).");
}

IResourceBuilder<ProjectResource> HubService<TProject>(string name) where TProject : IProjectMetadata, new() =>
    Service(builder.AddProject<TProject>(name), infrastructure.Database(ResourceNames.DatabaseOf(name), ResourceNames.DatabaseOf(name)))
        .WithReplicas(Replicas(name));

var assessment = HubService<Projects.ReliefPlatform_Assessment>(ResourceNames.Assessment);
var catalogue = HubService<Projects.ReliefPlatform_Catalogue>(ResourceNames.Catalogue);
var provider = HubService<Projects.ReliefPlatform_Provider>(ResourceNames.Provider);
var delivery = HubService<Projects.ReliefPlatform_Delivery>(ResourceNames.Delivery);
var funding = HubService<Projects.ReliefPlatform_Funding>(ResourceNames.Funding);
// Delivery drafts service plans from the catalogue's matching, fed the household's matching profile from Assessment, and
// matches them to eligible providers; Assessment checks members' benefits against the catalogue's existing-policy codes.
delivery.WithReference(catalogue).WithReference(provider).WithReference(assessment);
assessment.WithReference(catalogue);
// How many periods ahead recurring services' orders are made (a county's choice, default 1): --Delivery:Recurring:PeriodsAhead=2
foreach (var setting in builder.Configuration.GetSection("Delivery:Recurring").GetChildren())
{
    delivery.WithEnvironment($"Recurring__{setting.Key}", setting.Value);
}

var gateway = builder.AddProject<Projects.ReliefPlatform_Gateway>(ResourceNames.Gateway)
    .WithCounty(county)
    .WithReplicas(builder.Configuration.GetValue<int?>("Gateway:Replicas") ?? Replicas(ResourceNames.Gateway))
    .WithReference(infrastructure.Cache, ResourceNames.Cache)
    .WithExternalHttpEndpoints()
    .WithReference(identity).WaitFor(identity)
    .WithHttpHealthCheck("/health");
// Rate limits can be tuned per run (e.g. raised for the benchmark): --Gateway:RateLimits:ApiPerWindow=…
foreach (var setting in builder.Configuration.GetSection("Gateway:RateLimits").GetChildren())
{
    gateway.WithEnvironment($"Gateway__RateLimits__{setting.Key}", setting.Value);
}

foreach (var hubService in new[] { assessment, catalogue, provider, delivery, funding })
{
    gateway.WithReference(hubService).WaitFor(hubService);
}

// The county hub's portal, served through the gateway at /. The gateway does not wait for it (its start must not delay
// the county's); the portal signs users in at the identity service and calls the hub's APIs back through the gateway.
var portal = builder.AddProject<Projects.ReliefPlatform_Portal>(ResourceNames.Portal)
    .WithCounty(county)
    .WithReference(infrastructure.Cache, ResourceNames.Cache)
    .WithReference(identity)
    .WithReference(gateway)
    // Where it finds the identity service's OpenID configuration (its issuer); browsers reach /connect/… at the gateway.
    .WithEnvironment("Portal__Authority", builder.Configuration["Portal:Authority"] ?? "http://identity/")
    .WithHttpHealthCheck("/health");
gateway.WithReference(portal);
// The portal receives its authorization codes at /signin-oidc on the public origin: Identity's default for relief-portal.

for (var i = 0; i < county.Running.Count; i++)
{
    var township = county.Running[i];
    var database = infrastructure.Database(
        ResourceNames.TownshipDatabaseResource(township.Slug), ResourceNames.TownshipDatabaseName(township.Slug));
    // No launch profile: each instance gets ports of its own from DCP.
    var instance = Service(
            builder.AddProject<Projects.ReliefPlatform_Township>(ResourceNames.TownshipService(township.Slug), launchProfileName: null).WithHttpEndpoint(),
            database,
            ResourceNames.TownshipDatabase)
        .WithEnvironment("Township__Code", township.Code)
        .WithEnvironment("TownshipPages__ClientSecret", state.Secret("township-client-secret"))
        // The front desk forwards visits to Assessment and confirmations and complaints to Delivery; the pages read item
        // and provider names from Catalogue and Provider.
        .WithReference(assessment)
        .WithReference(delivery)
        .WithReference(catalogue)
        .WithReference(provider);
    gateway.WithReference(instance).WithEnvironment($"Gateway__Townships__{i}", township.Code);
}

// The living demo county (Development only; --Demo:Seed=false turns it off): a worker that waits for the gateway, then fills
// the county through its APIs and the monitoring import as the demo users — in the background, after the county answers —
// and finishes. --Demo:Households=…, --Demo:SeedNumber=…, --Demo:AssessedShare=…, --Demo:Providers=… shape it.
var development = builder.Configuration["Services:Environment"] is null or "Development";
if (development && builder.Configuration.GetValue("Demo:Seed", true))
{
    var demo = builder.AddProject<Projects.ReliefPlatform_DemoCounty>(ResourceNames.DemoCounty)
        .WithCounty(county)
        .WithReference(gateway).WaitFor(gateway)
        .WithEnvironment("Demo__Password", demoPassword);
    foreach (var setting in builder.Configuration.GetSection("Demo").GetChildren().Where(s => s.Key != "Seed" && s.Value is not null))
    {
        demo.WithEnvironment($"Demo__{setting.Key}", setting.Value);
    }
}

// --Services:Environment=Production runs every service in that environment whatever the projects' launch profiles say
// (Development): no demo users, no demo provider, no password grant, authenticators required of county roles.
if (builder.Configuration["Services:Environment"] is { Length: > 0 } servicesEnvironment)
{
    foreach (var project in builder.Resources.OfType<ProjectResource>())
    {
        project.Annotations.Add(new EnvironmentCallbackAnnotation(environment =>
        {
            environment["ASPNETCORE_ENVIRONMENT"] = servicesEnvironment;
            environment["DOTNET_ENVIRONMENT"] = servicesEnvironment;
        }));
    }
}

// The county's one public origin — the issuer of every token and where people sign in: --SignIn:PublicOrigin=https://…
// for a deployment behind its own host name and TLS; by default the gateway's own address.
var configuredOrigin = builder.Configuration["SignIn:PublicOrigin"];
foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
{
    var resource = builder.CreateResourceBuilder(project);
    if (configuredOrigin is { Length: > 0 })
    {
        resource.WithEnvironment("SignIn__PublicOrigin", configuredOrigin);
    }
    else
    {
        resource.WithEnvironment("SignIn__PublicOrigin", gateway.GetEndpoint("http"));
    }
}

// Every service of a local county shares this machine's cores: one workstation GC each rather than a server GC
// (a heap and a GC thread per core, per process) in a dozen processes. Runtime:ServerGc=true restores the default.
if (!builder.Configuration.GetValue("Runtime:ServerGc", false))
{
    foreach (var project in builder.Resources.OfType<ProjectResource>())
    {
        project.Annotations.Add(new EnvironmentCallbackAnnotation(environment => environment["DOTNET_gcServer"] = "0"));
    }
}

// Where every service sends its telemetry, when not to the dashboard: a county's own collector, or a test that
// inspects the spans themselves (e.g. for personal data).
if (builder.Configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } otlpEndpoint)
{
    foreach (var project in builder.Resources.OfType<ProjectResource>())
    {
        project.Annotations.Add(new EnvironmentCallbackAnnotation(environment =>
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "500";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "500";
        }));
    }
}

Console.WriteLine($"  Infrastructure: {infrastructure.Mode}; data in {state.Root}; townships: {string.Join(", ", county.Running.Select(t => t.Name))}");
if (development)
{
    DemoUsers.Print(county, demoPassword);
}

await builder.Build().RunAsync();
return 0;
