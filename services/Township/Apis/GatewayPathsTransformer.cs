using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReliefPlatform.Township.Extensions;

namespace ReliefPlatform.Township.Apis;

/// <summary>
/// Read through the gateway, the centre's document lists its operations at the gateway's paths
/// (<c>/api/townships/&lt;code&gt;/…</c>, which the gateway forwards here as <c>/api/township/…</c>); the gateway says
/// so in <c>X-Township-Api-Base</c>, and only this township's base is taken. Read directly, the paths stay local.
/// </summary>
internal sealed class GatewayPathsTransformer(IHttpContextAccessor http, CurrentTownship township) : IOpenApiDocumentTransformer
{
    public const string Header = "X-Township-Api-Base";
    private const string LocalBase = "/api/township";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var gatewayBase = $"/api/townships/{township.Code}";
        if (http.HttpContext?.Request.Headers[Header].ToString() != gatewayBase || document.Paths is null)
        {
            return Task.CompletedTask;
        }

        var moved = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            moved[path.StartsWith(LocalBase, StringComparison.Ordinal) ? gatewayBase + path[LocalBase.Length..] : path] = item;
        }

        document.Paths = moved;
        return Task.CompletedTask;
    }
}
