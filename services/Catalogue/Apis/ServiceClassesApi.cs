using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Infrastructure;

namespace ReliefPlatform.Catalogue.Apis;

public sealed record ServiceClassResponse(string Code, string NameZh, string NameEn);

public static class ServiceClassesApi
{
    public static IEndpointRouteBuilder MapServiceClassesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue/classes").WithTags("ServiceClasses");

        group.MapGet("/", ListServiceClasses)
            .WithName("ListServiceClasses")
            .WithSummary("The catalogue's service classes (服务类别).");

        return app;
    }

    public static async Task<Ok<List<ServiceClassResponse>>> ListServiceClasses(CatalogueDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ServiceClasses.AsNoTracking()
            .OrderBy(e => e.SortOrder)
            .Select(e => new ServiceClassResponse(e.Code, e.NameZh, e.NameEn))
            .ToListAsync(cancellationToken));
}
