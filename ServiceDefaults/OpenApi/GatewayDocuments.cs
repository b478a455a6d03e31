using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReliefPlatform.ServiceDefaults.OpenApi;

/// <summary>
/// Every service's document names the gateway as its server: a relative <c>/</c>, so the reference page's "Try it"
/// goes to the origin the document was read from — the gateway, which serves hub paths unchanged (and a township's
/// document is moved to its gateway paths by the township itself) — never a service's own port.
/// </summary>
internal sealed class GatewayServerTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "县级网关（所有请求经网关鉴权与限流）" }];
        return Task.CompletedTask;
    }
}
