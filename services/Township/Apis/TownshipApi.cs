using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Township.Domain.Households;
using ReliefPlatform.Township.Extensions;
using ReliefPlatform.Township.Infrastructure;

namespace ReliefPlatform.Township.Apis;

public sealed record TownshipResponse(string Code, string Name);

public sealed record LocalHouseholdResponse(Guid HouseholdId, string VillageCode, string Category, int MemberCount, DateTimeOffset RegisteredAt)
{
    public static LocalHouseholdResponse From(LocalHousehold h) => new(h.HouseholdId, h.VillageCode, h.Category, h.MemberCount, h.RegisteredAt);
}

public static class TownshipApi
{
    public static IEndpointRouteBuilder MapTownshipApi(this IEndpointRouteBuilder app)
    {
        // The township wall: staff of this township and county-wide roles only, on every endpoint.
        var township = app.ServiceProvider.GetRequiredService<CurrentTownship>();
        var group = app.MapGroup("/api/township").WithTags("Township")
            .RequireAuthorization(policy => policy.RequireAssertion(context => new CurrentUser(context.User).MayAccessTownship(township.Code)));

        group.MapGet("/", () => TypedResults.Ok(new TownshipResponse(township.Code, township.Name)))
            .WithName("GetTownship")
            .WithSummary("Which township centre this service is");

        group.MapGet("/households/{householdId:guid}", GetHousehold)
            .WithName("GetLocalHousehold")
            .WithSummary("A household of this township, from the hub's events");

        return app;
    }

    public static async Task<Results<Ok<LocalHouseholdResponse>, NotFound>> GetHousehold(Guid householdId, TownshipDbContext db, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.HouseholdId == householdId, cancellationToken);
        return household is null ? TypedResults.NotFound() : TypedResults.Ok(LocalHouseholdResponse.From(household));
    }
}
