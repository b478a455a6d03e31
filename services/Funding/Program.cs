using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Funding.Apis;
using ReliefPlatform.Funding.Extensions;
using ReliefPlatform.Funding.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapFundingSourceTypesApi();

await app.MigrateDatabaseAsync<FundingDbContext>();
await app.RunAsync();
