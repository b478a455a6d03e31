using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Provider.Domain.Volunteers;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Apis;

public sealed record VolunteerRequest(string? TownshipCode, string? Name, string? Phone, IReadOnlyList<string>? Skills, IReadOnlyList<int>? AvailableDays);

public sealed record VolunteerResponse(
    Guid Id, string TownshipCode, string Name, string Phone, IReadOnlyList<string> Skills, IReadOnlyList<int> AvailableDays, decimal Balance, DateTimeOffset RegisteredAt);

/// <summary>One page of a township's volunteers, newest first, and how many there are in all.</summary>
public sealed record VolunteerPage(IReadOnlyList<VolunteerResponse> Items, int Page, int PageSize, int Total);

public sealed record HoursRequest(decimal? Hours, string? Reference);

public sealed record TimeBankEntryResponse(long Id, TimeBankEntryKind Kind, decimal Hours, decimal BalanceAfter, string Reference, DateTimeOffset At);

/// <summary>
/// Volunteers of each township (志愿者) and their time bank (时间银行): hours earned for services, redeemed for
/// help received, never below zero. Walled by township.
/// </summary>
public static class VolunteersApi
{
    public const string NamePurpose = "volunteer.name";
    public const string PhonePurpose = "volunteer.phone";

    private static readonly string[] Staff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];

    public static IEndpointRouteBuilder MapVolunteersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider/volunteers").WithTags("Volunteers")
            .RequireAuthorization(policy => policy.RequireRole([.. Staff, ReliefRoles.VillageVisitor, ReliefRoles.Supervisor, ReliefRoles.Service]));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole([.. Staff, ReliefRoles.Service]));

        group.MapGet("/", ListVolunteers).WithName("ListVolunteers")
            .WithSummary("Volunteers, newest first, a page at a time (?townshipCode=&skill=&search=&page=&pageSize=); names and phones masked. search: a name (matched as its masked form: surname and length), a surname, a phone's last four digits or a whole phone (matched masked)");
        group.MapGet("/{id:guid}", GetVolunteer).WithName("GetVolunteer").WithSummary("A volunteer with their time-bank balance");
        group.MapGet("/{id:guid}/time-bank", ListEntries).WithName("ListTimeBankEntries").WithSummary("The volunteer's time-bank ledger, newest first");
        write.MapPost("/", RegisterVolunteer).ProducesProblem(StatusCodes.Status403Forbidden).WithName("RegisterVolunteer").WithSummary("Register a volunteer of a township");
        write.MapPost("/{id:guid}/time-bank/credits", Credit).ProducesProblem(StatusCodes.Status409Conflict).WithName("CreditVolunteerHours")
            .WithSummary("Credit hours for a confirmed service; the reference (e.g. the work order) is credited once");
        write.MapPost("/{id:guid}/time-bank/redemptions", Redeem).ProducesProblem(StatusCodes.Status409Conflict).WithName("RedeemVolunteerHours")
            .WithSummary("Redeem hours for help received; refused when the balance is not enough");
        return app;
    }

    public static async Task<Ok<VolunteerPage>> ListVolunteers(
        string? townshipCode, string? skill, string? search, int? page, int? pageSize, ProviderDbContext db, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, pageSize);
        var query = db.Volunteers.AsNoTracking();
        if (townshipCode is not null)
        {
            query = query.Where(v => v.TownshipCode == townshipCode);
        }

        if (skill is not null)
        {
            query = query.Where(v => v.Skills.Contains(skill));
        }

        query = Matching(query, search);
        var total = await query.CountAsync(cancellationToken);
        var volunteers = await query.OrderByDescending(v => v.RegisteredAt).ThenByDescending(v => v.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new VolunteerPage(volunteers.ConvertAll(View), paging.Number, paging.Size, total));
    }

    /// <summary>
    /// Names and phones are kept encrypted; a search compares what is stored in the clear — their masked forms. A whole name
    /// finds the volunteers whose masked name it masks to (surname and length), one character the surname, four digits a
    /// phone's last four, a whole phone the masked phone (prefix and last four).
    /// </summary>
    internal static IQueryable<Volunteer> Matching(IQueryable<Volunteer> query, string? search)
    {
        var text = search?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return query;
        }

        if (text.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            var masked = text.Length == 4 ? null : PhoneNumber.Mask(text);
            return masked is null ? query.Where(v => v.PhoneMasked.EndsWith(text)) : query.Where(v => v.PhoneMasked == masked);
        }

        if (text.EnumerateRunes().Count() == 1)
        {
            return query.Where(v => v.NameMasked.StartsWith(text));
        }

        var name = PersonName.Mask(text);
        return query.Where(v => v.NameMasked == name);
    }

    public static async Task<Results<Ok<VolunteerResponse>, NotFound>> GetVolunteer(Guid id, ProviderDbContext db, CancellationToken cancellationToken) =>
        await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) is { } volunteer
            ? TypedResults.Ok(View(volunteer))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<List<TimeBankEntryResponse>>, NotFound>> ListEntries(Guid id, ProviderDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Volunteers.AnyAsync(v => v.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.TimeBank.AsNoTracking().Where(e => e.VolunteerId == id).OrderByDescending(e => e.Id).Take(500)
            .Select(e => new TimeBankEntryResponse(e.Id, e.Kind, e.Hours, e.BalanceAfter, e.Reference, e.At))
            .ToListAsync(cancellationToken));
    }

    public static async Task<Results<Created<VolunteerResponse>, ValidationProblem, ProblemHttpResult>> RegisterVolunteer(
        VolunteerRequest? request, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, IOptions<CountyOptions> county,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.WalledTownship is { } own && request?.TownshipCode != own)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "乡镇工作人员只能登记本乡镇的志愿者。");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (county.Value.FindTownship(request?.TownshipCode) is null)
        {
            errors["townshipCode"] = ["请填写本县的乡镇代码。"];
        }

        if (PersonName.Problem(request?.Name) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        if (PhoneNumber.Problem(request?.Phone) is { } phoneProblem)
        {
            errors["phone"] = [phoneProblem];
        }

        if (request?.Skills is { } skills && skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 40))
        {
            errors["skills"] = ["技能为服务事项编码，每项不超过 40 个字符。"];
        }

        if (request?.AvailableDays is { } days && days.Any(d => d is < 1 or > 7))
        {
            errors["availableDays"] = ["可服务日为 1（周一）到 7（周日）。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "志愿者信息有误");
        }

        var name = request!.Name!.Trim();
        var phone = PhoneNumber.Normalise(request.Phone!);
        var volunteer = Volunteer.Register(request.TownshipCode!, protector.Protect(name, NamePurpose), PersonName.Mask(name),
            protector.Protect(phone, PhonePurpose), PhoneNumber.Mask(phone), request.Skills ?? [], request.AvailableDays ?? [], time.GetUtcNow());
        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/provider/volunteers/{volunteer.Id}", View(volunteer));
    }

    public static Task<Results<Ok<TimeBankEntryResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Credit(
        Guid id, HoursRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, TimeBankEntryKind.Earned, db, user, time, cancellationToken);

    public static Task<Results<Ok<TimeBankEntryResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Redeem(
        Guid id, HoursRequest? request, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken) =>
        MoveAsync(id, request, TimeBankEntryKind.Redeemed, db, user, time, cancellationToken);

    private static async Task<Results<Ok<TimeBankEntryResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MoveAsync(
        Guid id, HoursRequest? request, TimeBankEntryKind kind, ProviderDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        // Existence (behind the township wall) first, so an outsider learns nothing from the validation.
        if (!await db.Volunteers.AnyAsync(v => v.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Hours is not { } hours || hours <= 0 || hours > 24 || decimal.Round(hours, 1) != hours)
        {
            errors["hours"] = ["时长以小时计，精确到 0.1 小时，大于 0 且一次不超过 24 小时。"];
        }

        if (string.IsNullOrWhiteSpace(request?.Reference) || request.Reference.Length > 200)
        {
            errors["reference"] = [kind == TimeBankEntryKind.Earned ? "请填写对应的服务（如工单号）。" : "请写明兑换用途（不超过 200 字）。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "时间银行记录有误");
        }

        var (outcome, entry) = await TimeBank.MoveAsync(db, id, kind, request!.Hours!.Value, request.Reference!.Trim(), user.Id, time.GetUtcNow(), cancellationToken);
        return outcome switch
        {
            TimeBank.Outcome.Moved => TypedResults.Ok(new TimeBankEntryResponse(entry!.Id, entry.Kind, entry.Hours, entry.BalanceAfter, entry.Reference, entry.At)),
            TimeBank.Outcome.NotFound => TypedResults.NotFound(),
            TimeBank.Outcome.AlreadyCredited => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "该服务的时长已经记入，不能重复记入。"),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "时间银行余额不足，不能兑换。"),
        };
    }

    private static VolunteerResponse View(Volunteer v) =>
        new(v.Id, v.TownshipCode, v.NameMasked, v.PhoneMasked, v.Skills, v.AvailableDays, v.Balance, v.RegisteredAt);
}
