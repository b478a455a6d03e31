using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Security.PersonalData;
using System.Text.Json.Serialization;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Messaging;
using ReliefPlatform.Funding.Apis;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Funding.IntegrationEvents;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Funding.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FundingDbContext>(ResourceNames.DatabaseOf(ResourceNames.Funding));
        builder.AddMessaging<FundingDbContext>(ResourceNames.Funding, bus =>
        {
            bus.AddConsumer<WorkOrderCreatedConsumer>();
            bus.AddConsumer<WorkOrderCancelledConsumer>();
            bus.AddConsumer<ServiceConfirmedConsumer>();
            // Seed money of incubations (培育孵化), granted in Provider.
            bus.AddConsumer<IncubationSeedMoneyGrantedConsumer>();
            // Supervision facts for the KPIs.
            bus.AddConsumer<NeedsAssessedFactConsumer>();
            bus.AddConsumer<OrderCreatedFactConsumer>();
            bus.AddConsumer<OrderCancelledFactConsumer>();
            bus.AddConsumer<DeliveredFactConsumer>();
            bus.AddConsumer<ConfirmedFactConsumer>();
            bus.AddConsumer<ComplaintRaisedFactConsumer>();
            bus.AddConsumer<ComplaintClosedFactConsumer>();
            bus.AddConsumer<NeedUnmetFactConsumer>();
        });
        builder.AddReliefAuthentication(ResourceNames.Funding);
        builder.AddPersonalData();
        builder.Services.AddOptions<SupervisionOptions>().BindConfiguration(SupervisionOptions.Section);
        builder.Services.AddSingleton<KpiFigures>();
        builder.Services.AddAuditLogDatabase<FundingDbContext>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        return builder;
    }
}
