using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Provider.Apis;
using ReliefPlatform.Provider.Extensions;
using ReliefPlatform.Provider.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapProviderKindsApi();

await app.MigrateDatabaseAsync<ProviderDbContext>();
await app.RunAsync();
