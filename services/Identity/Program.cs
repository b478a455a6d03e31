using ReliefPlatform.Identity.Apis;
using ReliefPlatform.Identity.Extensions;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Messaging.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.UsePublicOrigin();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi().AllowAnonymous();
app.MapConnectApi();
app.MapAccountApi();

await app.MigrateDatabaseAsync<ReliefIdentityDbContext>();
await app.SeedIdentityAsync();
await app.RunAsync();
