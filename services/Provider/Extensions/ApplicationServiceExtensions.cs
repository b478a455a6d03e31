using System.Text.Json.Serialization;
using ReliefPlatform.Messaging;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Provider.IntegrationEvents;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Provider.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProviderDbContext>(ResourceNames.DatabaseOf(ResourceNames.Provider));
        builder.AddMessaging<ProviderDbContext>(ResourceNames.Provider, bus =>
        {
            bus.AddConsumer<CatalogueVersionPublishedConsumer>();
            bus.AddConsumer<WorkOrderCreatedConsumer>();
            bus.AddConsumer<WorkOrderReassignedConsumer>();
            bus.AddConsumer<WorkOrderCancelledConsumer>();
            bus.AddConsumer<ServiceConfirmedConsumer>();
        });
        builder.AddReliefAuthentication(ResourceNames.Provider);
        builder.AddPersonalData();
        builder.Services.AddOptions<ProviderOptions>().BindConfiguration(ProviderOptions.Section);
        builder.Services.AddHostedService<CatalogueRequester>();
        builder.Services.AddAuditLogDatabase<ProviderDbContext>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        return builder;
    }
}
