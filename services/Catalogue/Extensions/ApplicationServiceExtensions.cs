using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Messaging;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Catalogue.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogueDbContext>(ResourceNames.DatabaseOf(ResourceNames.Catalogue));
        builder.AddMessaging<CatalogueDbContext>(ResourceNames.Catalogue);
        builder.AddReliefAuthentication(ResourceNames.Catalogue);
        builder.Services.AddOpenApi();
        return builder;
    }
}
