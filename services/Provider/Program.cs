using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Provider.Apis;
using ReliefPlatform.Provider.Extensions;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapProviderKindsApi();
app.MapProvidersApi();
app.MapCapabilitiesApi();
app.MapQualificationsApi();
app.MapVolunteersApi();
app.MapPairingsApi();
app.MapWorkforceApi();
app.MapIncubationsApi();
app.MapAuditApi("provider");

await app.MigrateDatabaseAsync<ProviderDbContext>();
await app.SealPairingVisitSummariesAsync();
await app.SeedDemoProviderAsync();
await app.RunAsync();
