using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Catalogue.Apis;
using ReliefPlatform.Catalogue.Extensions;
using ReliefPlatform.Catalogue.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapServiceClassesApi();

await app.MigrateDatabaseAsync<CatalogueDbContext>();
await app.RunAsync();
