using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Funding.Infrastructure;

namespace ReliefPlatform.Funding.Apis;

public sealed record FundingSourceTypeResponse(string Code, string NameZh, string NameEn);

public static class FundingSourceTypesApi
{
    public static IEndpointRouteBuilder MapFundingSourceTypesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/funding/source-types").WithTags("FundingSourceTypes");

        group.MapGet("/", ListFundingSourceTypes)
            .WithName("ListFundingSourceTypes")
            .WithSummary("Channels money and service come from (资金来源类型).");

        return app;
    }

    public static async Task<Ok<List<FundingSourceTypeResponse>>> ListFundingSourceTypes(FundingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.FundingSourceTypes.AsNoTracking()
            .OrderBy(e => e.SortOrder)
            .Select(e => new FundingSourceTypeResponse(e.Code, e.NameZh, e.NameEn))
            .ToListAsync(cancellationToken));
}
