using ReliefPlatform.Catalogue.Apis;
using ReliefPlatform.Catalogue.Extensions;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Security.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapServiceClassesApi();
app.MapVocabularyApi();
app.MapPublishedCatalogueApi();
app.MapMatchingApi();
app.MapCatalogueDraftsApi();
app.MapCataloguePublishingApi();
app.MapAuditApi("catalogue");

await app.MigrateDatabaseAsync<CatalogueDbContext>();
await app.SeedCatalogueAsync();
await app.RunAsync();
