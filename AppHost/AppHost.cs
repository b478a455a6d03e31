using ReliefPlatform.AppHost.Infrastructure;
using ReliefPlatform.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

var county = CountyModel.Read(builder.Configuration);
var infrastructure = InfrastructureFactory.Add(builder);

IResourceBuilder<ProjectResource> HubService<TProject>(string name) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name)
        .WithCounty(county)
        .WithInfrastructure(infrastructure, infrastructure.Database(ResourceNames.DatabaseOf(name), ResourceNames.DatabaseOf(name)))
        .WithHttpHealthCheck("/health");

var assessment = HubService<Projects.ReliefPlatform_Assessment>(ResourceNames.Assessment);
var catalogue = HubService<Projects.ReliefPlatform_Catalogue>(ResourceNames.Catalogue);
var provider = HubService<Projects.ReliefPlatform_Provider>(ResourceNames.Provider);
var delivery = HubService<Projects.ReliefPlatform_Delivery>(ResourceNames.Delivery);
var funding = HubService<Projects.ReliefPlatform_Funding>(ResourceNames.Funding);

var gateway = builder.AddProject<Projects.ReliefPlatform_Gateway>(ResourceNames.Gateway)
    .WithCounty(county)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");
foreach (var hubService in new[] { assessment, catalogue, provider, delivery, funding })
{
    gateway.WithReference(hubService).WaitFor(hubService);
}

for (var i = 0; i < county.Running.Count; i++)
{
    var township = county.Running[i];
    var database = infrastructure.Database(
        ResourceNames.TownshipDatabaseResource(township.Slug), ResourceNames.TownshipDatabaseName(township.Slug));
    // No launch profile: each instance gets ports of its own from DCP.
    var instance = builder.AddProject<Projects.ReliefPlatform_Township>(ResourceNames.TownshipService(township.Slug), launchProfileName: null)
        .WithHttpEndpoint()
        .WithCounty(county)
        .WithInfrastructure(infrastructure, database, ResourceNames.TownshipDatabase)
        .WithEnvironment("Township__Code", township.Code)
        .WithHttpHealthCheck("/health");
    gateway.WithReference(instance).WithEnvironment($"Gateway__Townships__{i}", township.Code);
}

builder.Build().Run();
