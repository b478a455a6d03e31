using ReliefPlatform.Delivery.Domain.History;
using ReliefPlatform.Delivery.Domain.Referrals;
using ReliefPlatform.Delivery.Domain.WorkOrders;
using System.Text.Json.Serialization;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.Security.ServiceCalls;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Delivery.IntegrationEvents;
using ReliefPlatform.Messaging;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Delivery.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DeliveryDbContext>(ResourceNames.DatabaseOf(ResourceNames.Delivery));
        builder.AddMessaging<DeliveryDbContext>(ResourceNames.Delivery, bus =>
        {
            bus.AddConsumer<HouseholdRegisteredConsumer>();
            bus.AddConsumer<HouseholdCorrectedConsumer>();
            bus.AddConsumer<HouseholdMovedConsumer>();
            bus.AddConsumer<NeedsAssessedConsumer>();
            bus.AddConsumer<ReferralSuggester>();
            bus.AddConsumer<HouseholdsImportedConsumer>();
            bus.AddConsumer<FundsCommittedConsumer>();
            bus.AddConsumer<FundsRejectedConsumer>();
            bus.AddConsumer<ServicePlanDrafter>();
            bus.AddConsumer<ContractAwardedConsumer>();
            bus.AddConsumer<ProjectStageChangedConsumer>();
            bus.AddConsumer<ProviderSuspendedConsumer>();
            bus.AddConsumer<ProviderApprovedConsumer>();
        });
        builder.AddReliefAuthentication(ResourceNames.Delivery);
        builder.Services.AddAuditLogDatabase<DeliveryDbContext>();
        // Plans are drafted from the catalogue's matching, called as the county's services.
        builder.AddServiceClient(ResourceNames.Catalogue);
        // … with the household's matching profile (members' ages, disabilities, benefits — no names) from Assessment.
        builder.AddServiceClient(ResourceNames.Assessment);
        // Approved plans are matched to providers Provider finds eligible.
        builder.AddServiceClient(ResourceNames.Provider);
        builder.Services.AddScoped<ProviderMatcher>();
        builder.Services.AddScoped<CatalogueMatching>();
        // Free text about people and device positions are sealed with the county's personal-data key.
        builder.AddPersonalData();
        builder.Services.AddSingleton<DeliverySeal>();
        builder.Services.AddOptions<ServiceLevelOptions>().BindConfiguration(ServiceLevelOptions.Section);
        builder.Services.AddOptions<ReferralKindOptions>().BindConfiguration(ReferralKindOptions.Section);
        builder.Services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RecurringOptions>().BindConfiguration(RecurringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<OverdueSweeper>();
        builder.Services.AddHostedService<PlanRematcher>();
        builder.Services.AddHostedService<RecurringOrderSweeper>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        return builder;
    }
}
