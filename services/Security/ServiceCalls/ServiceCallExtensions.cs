using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ReliefPlatform.Security.ServiceCalls;

public static class ServiceCallExtensions
{
    /// <summary>
    /// A named HttpClient for calling the hub service <paramref name="service"/> (by its service-discovery name),
    /// signed in as the county's services with a token valid only there.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient(this IHostApplicationBuilder builder, string service)
    {
        builder.Services.AddOptions<ServiceClientOptions>().BindConfiguration(ServiceClientOptions.Section);
        builder.Services.AddHttpClient(ServiceTokenHandler.IdentityClient);
        return builder.Services.AddHttpClient(service, client => client.BaseAddress = new Uri($"https+http://{service}"))
            .AddHttpMessageHandler(sp => new ServiceTokenHandler(
                sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<ServiceClientOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, service));
    }
}
