using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Provider.Infrastructure;

namespace ReliefPlatform.Provider.Apis;

public sealed record ProviderKindResponse(string Code, string NameZh, string NameEn);

public static class ProviderKindsApi
{
    public static IEndpointRouteBuilder MapProviderKindsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider/kinds").WithTags("ProviderKinds");

        group.MapGet("/", ListProviderKinds)
            .WithName("ListProviderKinds")
            .WithSummary("Kinds of provider in the service network (服务主体类型).");

        return app;
    }

    public static async Task<Ok<List<ProviderKindResponse>>> ListProviderKinds(ProviderDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ProviderKinds.AsNoTracking()
            .OrderBy(e => e.SortOrder)
            .Select(e => new ProviderKindResponse(e.Code, e.NameZh, e.NameEn))
            .ToListAsync(cancellationToken));
}
