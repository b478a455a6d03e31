using ReliefPlatform.Funding.Apis;
using ReliefPlatform.Funding.Extensions;
using ReliefPlatform.Funding.Infrastructure;
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
app.MapFundingSourceTypesApi();
app.MapBudgetsApi();
app.MapCommitmentsApi();
app.MapContractsApi();
app.MapProjectsApi();
app.MapProjectDocumentsApi();
app.MapStatementsApi();
app.MapPaymentsApi();
app.MapKpisApi();
app.MapDonationsApi();
app.MapAuditApi("funding");

await app.MigrateDatabaseAsync<FundingDbContext>();
await app.RunAsync();
