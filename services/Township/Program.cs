using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Township.Apis;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapTownshipApi();

await app.MigrateDatabaseAsync<TownshipDbContext>();
await app.RunAsync();
