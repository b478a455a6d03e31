using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace ReliefPlatform.ServiceDefaults.OpenApi;

internal static class OpenApiDefaults
{
    /// <summary>Applies to every OpenAPI document a service adds (<c>AddOpenApi()</c>), whatever its name.</summary>
    public static IServiceCollection AddOpenApiConventions(this IServiceCollection services) =>
        services.ConfigureAll<OpenApiOptions>(options =>
        {
            options.AddDocumentTransformer<GatewayServerTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
        });
}
