using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

public static class HouseholdsApi
{
    private const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/households").WithTags("Households")
            .RequireAuthorization(policy => policy.RequireRole(
                ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.Supervisor, ReliefRoles.TownshipStaff, ReliefRoles.VillageVisitor));

        group.MapPost("/", RegisterHousehold)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithName("RegisterHousehold")
            .WithSummary("Register a household in the low-income registry")
            .WithDescription("Publishes HouseholdRegistered to the owning township and the hub through the outbox.");

        group.MapGet("/{id:guid}", GetHousehold)
            .WithName("GetHousehold")
            .WithSummary("One household of the registry");

        group.MapGet("/", ListHouseholds)
            .WithName("ListHouseholds")
            .WithSummary("Households of the registry, newest first, optionally of one township");

        return app;
    }

    public static async Task<Results<Created<HouseholdResponse>, ValidationProblem, ProblemHttpResult>> RegisterHousehold(
        RegisterHouseholdRequest request,
        AssessmentDbContext db,
        CurrentUser user,
        IOptions<CountyOptions> county,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = RegisterHouseholdValidator.Validate(request, county.Value, out var category);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "登记信息有误");
        }

        if (!user.MayAccessTownship(request.TownshipCode!))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "只能登记本乡镇的家庭。");
        }

        var household = Household.Register(request.TownshipCode!, request.VillageCode!, category, request.MemberCount!.Value, time.GetUtcNow());
        db.Households.Add(household);
        db.AddIntegrationEvent(new HouseholdRegistered(
            household.Id, household.TownshipCode, household.VillageCode, household.Category.ToString(), household.MemberCount, household.RegisteredAt));
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Created($"/api/assessment/households/{household.Id}", HouseholdResponse.From(household));
    }

    public static async Task<Results<Ok<HouseholdResponse>, NotFound>> GetHousehold(Guid id, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return household is null ? TypedResults.NotFound() : TypedResults.Ok(HouseholdResponse.From(household));
    }

    public static async Task<Ok<PagedResponse<HouseholdResponse>>> ListHouseholds(
        AssessmentDbContext db,
        string? townshipCode,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);
        var query = db.Households.AsNoTracking();
        if (!string.IsNullOrEmpty(townshipCode))
        {
            query = query.Where(h => h.TownshipCode == townshipCode);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(h => h.RegisteredAt)
            .Skip((number - 1) * size)
            .Take(size)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<HouseholdResponse>(items.ConvertAll(HouseholdResponse.From), number, size, total));
    }
}
