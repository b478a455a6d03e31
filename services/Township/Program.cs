using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Township.Apis;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;
using ReliefPlatform.Township.Pages;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.UseTownshipPageSession();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapTownshipApi();
app.MapAuditApi("township");
app.MapTownshipPages();

await app.MigrateDatabaseAsync<TownshipDbContext>();
await app.RunAsync();
