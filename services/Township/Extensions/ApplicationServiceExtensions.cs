using System.Text.Json.Serialization;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.Security.ServiceCalls;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Routing;
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
        // Each instance has queues of its own, bound by township: it receives its own township's events and the county-wide ones.
        builder.AddMessaging<TownshipDbContext>(ResourceNames.TownshipService(township.Slug), bus =>
        {
            bus.AddTownshipConsumer<HouseholdRegisteredConsumer, HouseholdRegistered>();
            bus.AddTownshipConsumer<HouseholdsImportedConsumer, HouseholdsImported>();
            bus.AddTownshipConsumer<HouseholdCorrectedConsumer, HouseholdCorrected>();
            bus.AddTownshipConsumer<HouseholdMovedConsumer, HouseholdMoved>();
            bus.AddTownshipConsumer<DiscoveryAlertRaisedConsumer, DiscoveryAlertRaised>();
            bus.AddTownshipConsumer<ReassessmentDueConsumer, ReassessmentDue>();
            bus.AddTownshipConsumer<NeedsAssessedConsumer, NeedsAssessed>();
            bus.AddTownshipConsumer<WorkOrderCreatedConsumer, WorkOrderCreated>();
            bus.AddTownshipConsumer<WorkOrderAssignedConsumer, WorkOrderAssigned>();
            bus.AddTownshipConsumer<WorkOrderReassignedConsumer, WorkOrderReassigned>();
            bus.AddTownshipConsumer<WorkOrderDeadlineMissedConsumer, WorkOrderDeadlineMissed>();
            bus.AddTownshipConsumer<ServiceDeliveredConsumer, ServiceDelivered>();
            bus.AddTownshipConsumer<ServiceConfirmedConsumer, ServiceConfirmed>();
            bus.AddTownshipConsumer<SatisfactionRecordedConsumer, SatisfactionRecorded>();
            bus.AddTownshipConsumer<WorkOrderCancelledConsumer, WorkOrderCancelled>();
            bus.AddTownshipConsumer<ComplaintRaisedConsumer, ComplaintRaised>();
            bus.AddTownshipConsumer<ComplaintClosedConsumer, ComplaintClosed>();
            bus.AddTownshipConsumer<ReferralSentConsumer, ReferralSent>();
            bus.AddTownshipConsumer<ReferralDeadlineMissedConsumer, ReferralDeadlineMissed>();
            bus.AddTownshipConsumer<ReferralClosedConsumer, ReferralClosed>();
        });
        // After the bus: its old direct bindings are removed only once the by-township ones are in place.
        builder.Services.AddTownshipRouting(township.Code);
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
