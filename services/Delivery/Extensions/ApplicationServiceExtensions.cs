using System.Text.Json.Serialization;
using ReliefPlatform.Security.Authorization;
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
            bus.AddConsumer<NeedsAssessedConsumer>();
            bus.AddConsumer<HouseholdsImportedConsumer>();
            bus.AddConsumer<FundsCommittedConsumer>();
            bus.AddConsumer<FundsRejectedConsumer>();
        });
        builder.AddReliefAuthentication(ResourceNames.Delivery);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        return builder;
    }
}
