using ReliefPlatform.Identity.Apis;
using ReliefPlatform.Identity.Extensions;
using ReliefPlatform.Identity.Features.Accounts;
using ReliefPlatform.Identity.Infrastructure;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Security.Audit;

if (args is [BootstrapCommand.Name, ..])
{
    return await BootstrapCommand.RunAsync(args[1..]);
}

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
app.MapActivationApi();
var api = app.MapGroup("").RequireAuthorization(ApplicationServiceExtensions.BearerOnly);
api.MapAccountsApi();
api.MapAuditApi(ReliefPlatform.ServiceDefaults.ResourceNames.Identity);

await app.MigrateDatabaseAsync<ReliefIdentityDbContext>();
await app.SeedIdentityAsync();
await app.RunAsync();
return 0;
