using System.Text.Json.Serialization;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.Security.ServiceCalls;
using ReliefPlatform.Messaging;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.Township.Infrastructure;
using ReliefPlatform.Township.IntegrationEvents;
using ReliefPlatform.Township.Pages;

namespace ReliefPlatform.Township.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var township = CurrentTownship.Resolve(builder.Configuration);
        builder.Services.AddSingleton(township);
        builder.AddServiceDatabase<TownshipDbContext>(ResourceNames.TownshipDatabase);
        // Each instance has queues of its own, so every township receives every event and keeps its own.
        builder.AddMessaging<TownshipDbContext>(ResourceNames.TownshipService(township.Slug), bus =>
        {
            bus.AddConsumer<HouseholdRegisteredConsumer>();
            bus.AddConsumer<HouseholdsImportedConsumer>();
            bus.AddConsumer<HouseholdCorrectedConsumer>();
            bus.AddConsumer<HouseholdMovedConsumer>();
            bus.AddConsumer<DiscoveryAlertRaisedConsumer>();
            bus.AddConsumer<ReassessmentDueConsumer>();
            bus.AddConsumer<NeedsAssessedConsumer>();
            bus.AddConsumer<WorkOrderCreatedConsumer>();
            bus.AddConsumer<WorkOrderAssignedConsumer>();
            bus.AddConsumer<WorkOrderReassignedConsumer>();
            bus.AddConsumer<WorkOrderDeadlineMissedConsumer>();
            bus.AddConsumer<ServiceDeliveredConsumer>();
            bus.AddConsumer<ServiceConfirmedConsumer>();
            bus.AddConsumer<SatisfactionRecordedConsumer>();
            bus.AddConsumer<WorkOrderCancelledConsumer>();
            bus.AddConsumer<ComplaintRaisedConsumer>();
            bus.AddConsumer<ComplaintClosedConsumer>();
            bus.AddConsumer<ReferralSentConsumer>();
            bus.AddConsumer<ReferralDeadlineMissedConsumer>();
            bus.AddConsumer<ReferralClosedConsumer>();
        });
        builder.AddReliefAuthentication(ReliefClaims.TownshipAudience);
        // Each centre keeps its own chain, in its own database.
        builder.Services.AddAuditLogDatabase<TownshipDbContext>();
        builder.AddTownshipPageSignIn(township);
        builder.AddPersonalData();

        // The front desk accepts captures locally; the forwarder carries them to the hub as the county's services.
        builder.AddServiceClient(ResourceNames.Delivery);
        builder.AddServiceClient(ResourceNames.Assessment);
        // Item and provider names for the pages, read from the hub as the county's services.
        builder.AddServiceClient(ResourceNames.Catalogue);
        builder.AddServiceClient(ResourceNames.Provider);
        builder.Services.AddSingleton<HubNames>();
        builder.Services.AddSingleton<CaptureSignal>();
        builder.Services.AddScoped<FrontDesk>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<HubInstrument>();
        HubHouseholdLookup.AddTo(builder);
        builder.Services.AddSingleton<HubHouseholdLookup>();
        builder.Services.AddHostedService<CaptureForwarder>();
        builder.Services.AddAntiforgery(options => options.Cookie.SameSite = SameSiteMode.Strict);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<Apis.GatewayPathsTransformer>());
        return builder;
    }
}
