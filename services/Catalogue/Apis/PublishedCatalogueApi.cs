using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Catalogue.Infrastructure.Caching;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.ServiceDefaults.Printing;
using ReliefPlatform.Workbooks;

namespace ReliefPlatform.Catalogue.Apis;

/// <summary>
/// The published catalogue (服务清单) for everyone signed in: every version stays readable, the one in force on
/// a day is found by its effective date, and any version can be exported to xlsx or printed.
/// </summary>
public static class PublishedCatalogueApi
{
    public static IEndpointRouteBuilder MapPublishedCatalogueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalogue").WithTags("Catalogue");

        group.MapGet("/versions", ListVersions).WithName("ListCatalogueVersions")
            .WithSummary("Every published version with the period it applies to, oldest first");
        group.MapGet("/versions/{version:int}", GetVersion).WithName("GetCatalogueVersion")
            .WithSummary("A published version with all its items (retired ones marked)");
        group.MapGet("/current", GetCurrent).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetCurrentCatalogue")
            .WithSummary("The version in force today, or on the given county date (?on=2027-01-01)");
        group.MapGet("/current/items/{code}", GetCurrentItem).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetCurrentCatalogueItem")
            .WithSummary("One item of the version in force today or on the given date");
        group.MapGet("/versions/{version:int}/export", ExportVersion)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").WithName("ExportCatalogueVersion")
            .WithSummary("The version as an xlsx workbook for filing: titled, one row per item, A4 landscape");
        group.MapGet("/versions/{version:int}/print", PrintVersion).Produces<string>(StatusCodes.Status200OK, "text/html").WithName("PrintCatalogueVersion")
            .WithSummary("The version as a printable page (A4 landscape) for posting in county and township offices");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<PublishedVersion>>> ListVersions(
        CatalogueDbContext db, PublishedCatalogueCache cache, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cache.TimelineAsync(db, cancellationToken));

    public static async Task<Results<Ok<PublishedCatalogueResponse>, NotFound>> GetVersion(
        int version, CatalogueDbContext db, PublishedCatalogueCache cache, CatalogueStore store, CancellationToken cancellationToken) =>
        await cache.VersionAsync(db, version, cancellationToken) is { } catalogue
            ? TypedResults.Ok((await store.PresenterAsync(cancellationToken)).Present(catalogue))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<PublishedCatalogueResponse>, ProblemHttpResult>> GetCurrent(
        DateOnly? on, CatalogueDbContext db, PublishedCatalogueCache cache, CatalogueStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var day = on ?? time.CountyToday();
        return await cache.EffectiveOnAsync(db, day, cancellationToken) is { } catalogue
            ? TypedResults.Ok((await store.PresenterAsync(cancellationToken)).Present(catalogue))
            : NoneInForce(day);
    }

    public static async Task<Results<Ok<ItemResponse>, NotFound, ProblemHttpResult>> GetCurrentItem(
        string code, DateOnly? on, CatalogueDbContext db, PublishedCatalogueCache cache, CatalogueStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var day = on ?? time.CountyToday();
        if (await cache.EffectiveOnAsync(db, day, cancellationToken) is not { } catalogue)
        {
            return NoneInForce(day);
        }

        return catalogue.Items.FirstOrDefault(i => i.Item.Code == code) is { } item
            ? TypedResults.Ok((await store.PresenterAsync(cancellationToken)).Present(item.Item, item.Retired, item.RetiredReason))
            : TypedResults.NotFound();
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> ExportVersion(
        int version, CatalogueDbContext db, PublishedCatalogueCache cache, CatalogueStore store, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await cache.VersionAsync(db, version, cancellationToken) is not { } catalogue)
        {
            return TypedResults.NotFound();
        }

        var presented = (await store.PresenterAsync(cancellationToken)).Present(catalogue);
        return TypedResults.File(CatalogueDocuments.Workbook(presented, county.Value.Name, time.CountyToday()), CountyWorkbook.ContentType,
            $"service-catalogue-v{version}.xlsx");
    }

    public static async Task<Results<ContentHttpResult, NotFound>> PrintVersion(
        int version, CatalogueDbContext db, PublishedCatalogueCache cache, CatalogueStore store, IOptions<CountyOptions> county,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (await cache.VersionAsync(db, version, cancellationToken) is not { } catalogue)
        {
            return TypedResults.NotFound();
        }

        var presented = (await store.PresenterAsync(cancellationToken)).Present(catalogue);
        return PrintablePage.Html(context, CatalogueDocuments.PrintPage(presented, county.Value.Name), CatalogueDocuments.PrintStyle);
    }

    private static ProblemHttpResult NoneInForce(DateOnly day) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{day:yyyy-MM-dd} 没有施行中的服务清单。");
}
