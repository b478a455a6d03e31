using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ReliefPlatform.ServiceDefaults;
using StackExchange.Redis;

namespace ReliefPlatform.Security.Revocation;

public static class RevocationExtensions
{
    /// <summary>
    /// The county's revocation list (<see cref="ITokenRevocations"/>, backed by the cache resource's Redis). Registers
    /// the Redis client too, unless the process already has one, so a service that also caches in Redis shares it.
    /// </summary>
    public static IHostApplicationBuilder AddTokenRevocations(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            builder.AddRedisClient(ResourceNames.Cache);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<RedisTokenRevocations>();
        builder.Services.TryAddSingleton<ITokenRevocations>(sp => sp.GetRequiredService<RedisTokenRevocations>());
        return builder;
    }

    /// <summary>Refuses a token on the revocation list in this token validation (every service's, and Identity's own for its APIs).</summary>
    public static Microsoft.Extensions.DependencyInjection.OpenIddictValidationBuilder RefuseRevokedTokens(this Microsoft.Extensions.DependencyInjection.OpenIddictValidationBuilder validation) =>
        validation.AddEventHandler(Revocation.RefuseRevokedTokens.Descriptor);
}
