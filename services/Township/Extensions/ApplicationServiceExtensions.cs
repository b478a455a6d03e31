using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Messaging;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.Township.Infrastructure;
using ReliefPlatform.Township.IntegrationEvents;

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
        });
        builder.AddReliefAuthentication(ReliefClaims.TownshipAudience);
        builder.Services.AddOpenApi();
        return builder;
    }
}
