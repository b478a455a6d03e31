using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Assessment.Apis;
using ReliefPlatform.Assessment.Extensions;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Security.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapHouseholdsApi();
app.MapHouseholdIdentitiesApi();
app.MapReferralContactApi();
app.MapMemberBenefitsApi();
app.MapMemberEmploymentApi();
app.MapMatchingProfileApi();
app.MapHouseholdCorrectionsApi();
app.MapAssessmentsApi();
app.MapInstrumentsApi();
app.MapNeedsLedgerApi();
app.MapImportsApi();
app.MapImportProfilesApi();
app.MapAlertsApi();
app.MapHomeVisitsApi();
app.MapAuditApi("assessment");

await app.MigrateDatabaseAsync<AssessmentDbContext>();
await app.SeedAssessmentDataAsync();
await app.RunAsync();
