using System.Text.Json.Serialization;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Catalogue.Infrastructure.Caching;
using ReliefPlatform.Catalogue.IntegrationEvents;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Catalogue.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogueDbContext>(ResourceNames.DatabaseOf(ResourceNames.Catalogue));
        builder.AddMessaging<CatalogueDbContext>(ResourceNames.Catalogue, bus =>
        {
            bus.AddConsumer<CatalogueCacheInvalidator>();
            bus.AddConsumer<CatalogueAnnouncementRequestedConsumer>();
        });
        // Also brings the county's Redis client (the revocation list), which caches the published catalogue for every replica.
        builder.AddReliefAuthentication(ResourceNames.Catalogue);
        builder.Services.AddSingleton<PublishedCatalogueCache>();
        builder.Services.AddScoped<CatalogueStore>();
        builder.Services.AddAuditLogDatabase<CatalogueDbContext>();
        // Periods, modes, pricing kinds and overlap effects are written as names ("Week", "Exclude"), never numbers.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        return builder;
    }

    public static async Task SeedCatalogueAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DefaultCatalogueSeeder.SeedAsync(
            scope.ServiceProvider.GetRequiredService<CatalogueDbContext>(),
            scope.ServiceProvider.GetRequiredService<CatalogueStore>(),
            TimeProvider.System,
            app.Lifetime.ApplicationStopping);
    }
}
