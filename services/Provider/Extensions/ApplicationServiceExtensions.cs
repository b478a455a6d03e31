using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Messaging;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Provider.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProviderDbContext>(ResourceNames.DatabaseOf(ResourceNames.Provider));
        builder.AddMessaging<ProviderDbContext>(ResourceNames.Provider);
        builder.AddReliefAuthentication(ResourceNames.Provider);
        builder.Services.AddOpenApi();
        return builder;
    }
}
