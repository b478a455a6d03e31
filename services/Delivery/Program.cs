using ReliefPlatform.Messaging.ErrorQueues;
using ReliefPlatform.Delivery.Apis;
using ReliefPlatform.Delivery.Extensions;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Persistence;
using ReliefPlatform.Security.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapMessagingOps();
app.MapRecipientsApi();
app.MapWorkOrdersApi();
app.MapWorkOrderCountsApi();
app.MapServiceHistoryApi();
app.MapServicePlansApi();
app.MapServicePlanEditsApi();
app.MapComplaintsApi();
app.MapReferralsApi();
app.MapWorklistApi();
app.MapMeetingsApi();
app.MapResourceLayoutApi();
app.MapReferralContactApi();
app.MapAuditApi("delivery");

await app.MigrateDatabaseAsync<DeliveryDbContext>();
await app.RunAsync();
