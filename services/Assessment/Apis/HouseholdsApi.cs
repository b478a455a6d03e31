using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.ServiceDefaults.Telemetry;

namespace ReliefPlatform.Assessment.Apis;

/// <param name="IdNumber">A member's 18-character 公民身份号码.</param>
public sealed record HouseholdLookupRequest(string? IdNumber);

public static class HouseholdsApi
{
    private const int MaxPageSize = 200;

    public static readonly string[] RegistryRoles =
        [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.Supervisor, ReliefRoles.TownshipStaff, ReliefRoles.VillageVisitor];

    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/households").WithTags("Households");

        // Township centres forward applications taken at their front desk (offline too) as the county's services, with an Idempotency-Key.
        group.MapPost("/", RegisterHousehold).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole([.. RegistryRoles, ReliefRoles.Service]))
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .WithIdempotencyKey<AssessmentDbContext>()
            .WithName("RegisterHousehold")
            .WithSummary("Register a household and its members in the low-income registry")
            .WithDescription("Refuses a person already registered anywhere in the county (409). Publishes HouseholdRegistered through the outbox.");

        group = group.MapGroup("").RequireAuthorization(policy => policy.RequireRole(RegistryRoles));
        group.MapGet("/{id:guid}", GetHousehold)
            .WithName("GetHousehold")
            .WithSummary("One household of the registry, names and ID numbers masked");

        group.MapGet("/", ListHouseholds)
            .WithName("ListHouseholds")
            .WithSummary("Households of the registry, newest first, optionally of one township");

        // A POST, so the number travels in the body: never in a URL that access logs and traces record.
        group.MapPost("/lookup", LookUpHousehold)
            .WithName("LookUpHousehold")
            .WithSummary("The household a person (by ID number) belongs to, masked — found through the blind index; audited")
            .WithDescription("Exact match on the 18-character number; walled like every registry read (township staff: their own township). 404 when no one the caller may see has that number.");

        group.MapPost("/{id:guid}/exit", ExitHousehold).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff))
            .WithName("ExitHousehold")
            .WithSummary("Record that a household leaves the registry, with the reason");

        return app;
    }

    public static async Task<Results<Created<HouseholdResponse>, ValidationProblem, ProblemHttpResult>> RegisterHousehold(
        RegisterHouseholdRequest request,
        AssessmentDbContext db,
        CurrentUser user,
        IOptions<CountyOptions> county,
        PersonalDataProtector protector,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(request.TownshipCode) && !user.MayAccessTownship(request.TownshipCode))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "只能登记本乡镇的家庭。");
        }

        var today = time.CountyToday();
        var errors = RegisterHouseholdValidator.Validate(request, county.Value, today, out var category, out var members);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "登记信息有误");
        }

        var identities = members.ConvertAll(m => ProtectedIdentity.Protect(protector, m.Name, m.IdNumber));
        if (await AlreadyRegisteredAsync(db, user, identities, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }

        var address = string.IsNullOrWhiteSpace(request.Address) ? null : protector.Protect(request.Address.Trim(), AddressPurpose);
        var household = Household.Register(
            request.TownshipCode!, request.VillageCode!, category, members.Count > 0 ? members.Count : request.MemberCount!.Value, time.GetUtcNow(), address);
        for (var i = 0; i < members.Count; i++)
        {
            household.AddMember(identities[i], members[i].IdNumber, members[i].Facts);
        }

        db.Households.Add(household);
        db.AddIntegrationEvent(new HouseholdRegistered(
            household.Id, household.TownshipCode, household.VillageCode, household.Category.ToString(), household.MemberCount, household.RegisteredAt));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone registered the same person between our check and our insert.
            return DuplicateProblem("该居民刚刚已被登记，请刷新后核实。");
        }

        BusinessActs.Record(loggers, "register household", household.Id);
        return TypedResults.Created($"/api/assessment/households/{household.Id}", HouseholdResponse.From(household, today));
    }

    public const string AddressPurpose = "household.address";

    public static async Task<Results<Ok<HouseholdResponse>, NotFound>> GetHousehold(
        Guid id, AssessmentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return household is null ? TypedResults.NotFound() : TypedResults.Ok(HouseholdResponse.From(household, time.CountyToday()));
    }

    public const string LookupAuditAction = "household.lookup-by-id-number";

    public static async Task<Results<Ok<HouseholdResponse>, NotFound<ProblemDetails>, ValidationProblem>> LookUpHousehold(
        HouseholdLookupRequest? request, AssessmentDbContext db, PersonalDataProtector protector, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        if (!IdNumber.TryParse(request?.IdNumber, today, out var idNumber, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["idNumber"] = [error.Message] }, title: "查找信息有误");
        }

        var index = ProtectedIdentity.IndexOf(protector, idNumber);
        var household = await db.Households.AsNoTracking().Include(h => h.Members)
            .FirstOrDefaultAsync(h => h.Members.Any(m => m.IdNumberIndex == index), cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "未找到该公民身份号码的在册人员。", Status = StatusCodes.Status404NotFound });
        }

        // Who looked whom up is on the chain (the household, never the number).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Security.Audit.AuditTrail.AppendAsync(db, time, user.Id, LookupAuditAction, $"household:{household.Id}", null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(HouseholdResponse.From(household, today));
    }

    public static async Task<Ok<PagedResponse<HouseholdResponse>>> ListHouseholds(
        AssessmentDbContext db,
        TimeProvider time,
        string? townshipCode,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, pageSize, MaxPageSize);
        var query = db.Households.AsNoTracking();
        if (!string.IsNullOrEmpty(townshipCode))
        {
            query = query.Where(h => h.TownshipCode == townshipCode);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.Include(h => h.Members).OrderByDescending(h => h.RegisteredAt).ThenBy(h => h.Id).Skip(paging.Skip).Take(paging.Size)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var today = time.CountyToday();
        return TypedResults.Ok(new PagedResponse<HouseholdResponse>(items.ConvertAll(h => HouseholdResponse.From(h, today)), paging.Number, paging.Size, total));
    }

    public static async Task<Results<Ok<HouseholdResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ExitHousehold(
        Guid id, ExitHouseholdRequest request, AssessmentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请填写退出原因（不超过200字）。"] }, title: "退出信息有误");
        }

        if (household.Status == HouseholdStatus.Exited)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该家庭已退出。");
        }

        household.Exit(request.Reason.Trim(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(HouseholdResponse.From(household, time.CountyToday()));
    }

    /// <summary>
    /// The county-wide duplicate check: the blind index finds the person in any township without decrypting.
    /// Staff who may see that township are told which household; others only that the person is registered elsewhere.
    /// </summary>
    internal static async Task<ProblemHttpResult?> AlreadyRegisteredAsync(
        AssessmentDbContext db, CurrentUser user, List<ProtectedIdentity> identities, CancellationToken cancellationToken)
    {
        if (identities.Count == 0)
        {
            return null;
        }

        var indexes = identities.ConvertAll(i => i.IdNumberIndex);
        var existing = await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => indexes.Contains(m.IdNumberIndex))
            .Select(m => new { m.HouseholdId, m.TownshipCode, m.MaskedIdNumber })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }

        return DuplicateProblem(user.MayAccessTownship(existing.TownshipCode)
            ? $"身份证号为{existing.MaskedIdNumber}的居民已登记在家庭 {existing.HouseholdId}，不能重复登记；如为同一家庭请在原户中更新。"
            : $"身份证号为{existing.MaskedIdNumber}的居民已在其他乡镇登记，不能重复登记；请联系县级社会救助中心核实。");
    }

    internal static ProblemHttpResult DuplicateProblem(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该居民已登记", detail: detail, type: "https://relief.example/problems/duplicate-person");
}
