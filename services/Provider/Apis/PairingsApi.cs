using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Provider.Domain.Pairings;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;
using ReliefPlatform.Security.Locks;

namespace ReliefPlatform.Provider.Apis;

public sealed record PairingRequest(
    Guid? HouseholdId, string? TownshipCode, PairerKind? PairerKind, Guid? PairerId, string? PairerName, int? VisitsPerMonth, DateOnly? From, DateOnly? Until);

public sealed record PairingVisitRequest(DateOnly? VisitedOn, string? Summary);

public sealed record PairingChangeRequest(int? VisitsPerMonth);

public sealed record EndPairingRequest(DateOnly? On, string? Reason);

public sealed record PairingVisitResponse(Guid Id, DateOnly VisitedOn, string Summary, DateTimeOffset RecordedAt);

public sealed record PairingResponse(
    Guid Id, Guid HouseholdId, string TownshipCode, PairerKind PairerKind, Guid? PairerId, string PairerName, int VisitsPerMonth,
    DateOnly From, DateOnly? Until, string? EndReason, IReadOnlyList<PairingVisitResponse> Visits);

/// <summary>对口结对: pairers assigned to households for regular visits, and the visits they make. Walled by township.</summary>
public static class PairingsApi
{
    public const string PairerNamePurpose = "pairing.pairer-name";

    /// <summary>A visit's summary: what was found and done, which may touch on the household's health — sealed at rest.</summary>
    public const string VisitSummaryPurpose = "pairing.visit-summary";

    private static readonly string[] Staff = [ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff];

    public static IEndpointRouteBuilder MapPairingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider/pairings").WithTags("Pairings")
            .RequireAuthorization(policy => policy.RequireRole([.. Staff, ReliefRoles.VillageVisitor, ReliefRoles.Supervisor]));
        var write = group.MapGroup("").RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy);

        group.MapGet("/", ListPairings).WithName("ListPairings").WithSummary("Pairings of a household, a township or a pairer — a provider or volunteer (?householdId=&townshipCode=&pairerId=)");
        group.MapGet("/{id:guid}", GetPairing).WithName("GetPairing").WithSummary("A pairing with its visits");
        write.MapPost("/", Pair).ProducesProblem(StatusCodes.Status403Forbidden).RequireAuthorization(p => p.RequireRole(Staff)).WithName("PairWithHousehold")
            .WithSummary("Pair a cadre, party member, volunteer or organisation with a household (one of each kind at a time)");
        write.MapPost("/{id:guid}/visits", RecordVisit).RequireAuthorization(p => p.RequireRole([.. Staff, ReliefRoles.VillageVisitor]))
            .WithName("RecordPairingVisit").WithSummary("Record a visit the pairer made");
        write.MapPut("/{id:guid}", ChangePairing).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(p => p.RequireRole(Staff)).WithName("ChangePairing")
            .WithSummary("Change how many visits a month the pairer makes (not after the pairing ended)");
        write.MapPost("/{id:guid}/end", EndPairing).RequireAuthorization(p => p.RequireRole(Staff)).WithName("EndPairing")
            .WithSummary("End a pairing on a date, with the reason");
        return app;
    }

    public static async Task<Ok<List<PairingResponse>>> ListPairings(
        Guid? householdId, string? townshipCode, Guid? pairerId, ProviderDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var query = db.Pairings.AsNoTracking().Include(p => p.Visits).AsQueryable();
        if (householdId is not null)
        {
            query = query.Where(p => p.HouseholdId == householdId);
        }

        if (pairerId is not null)
        {
            query = query.Where(p => p.PairerId == pairerId);
        }

        if (townshipCode is not null)
        {
            query = query.Where(p => p.TownshipCode == townshipCode);
        }

        return TypedResults.Ok((await query.OrderByDescending(p => p.From).Take(500).ToListAsync(cancellationToken)).Select(p => View(p, protector)).ToList());
    }

    public static async Task<Results<Ok<PairingResponse>, NotFound>> GetPairing(
        Guid id, ProviderDbContext db, PersonalDataProtector protector, CancellationToken cancellationToken) =>
        await db.Pairings.AsNoTracking().Include(p => p.Visits).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } pairing
            ? TypedResults.Ok(View(pairing, protector))
            : TypedResults.NotFound();

    public static async Task<Results<Created<PairingResponse>, ValidationProblem, ProblemHttpResult>> Pair(
        PairingRequest? request, ProviderDbContext db, CurrentUser user, PersonalDataProtector protector, IOptions<CountyOptions> county,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.WalledTownship is { } own && request?.TownshipCode != own)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "乡镇工作人员只能为本乡镇的家庭结对。");
        }

        var errors = await CheckAsync(request, db, county.Value, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "结对信息有误");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two staff pairing the same household at once: the second waits, then sees the first.
        await TransactionLocks.HoldAsync(db, "provider.pairing", request!.HouseholdId!.Value.ToString(), cancellationToken);
        var existing = await db.Pairings.AsNoTracking()
            .Where(p => p.HouseholdId == request.HouseholdId && p.PairerKind == request.PairerKind)
            .ToListAsync(cancellationToken);
        if (existing.FirstOrDefault(p => Pairing.Overlaps(p.From, p.Until, request.From!.Value, request.Until)) is { } clash)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["from"] = [$"该家庭在此期间已有同类结对（{clash.From:yyyy-MM-dd} 起{(clash.Until is { } until ? $"至 {until:yyyy-MM-dd}" : "，未结束")}），结对期间不能重叠。"],
            }, title: "结对期间重叠");
        }

        var name = request.PairerName?.Trim();
        var pairerName = name is null
            ? await db.Providers.AsNoTracking().Where(p => p.Id == request.PairerId).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken)
                ?? await db.Volunteers.AsNoTracking().Where(v => v.Id == request.PairerId).Select(v => v.NameMasked).FirstAsync(cancellationToken)
            : PersonName.Mask(name);
        var pairing = Domain.Pairings.Pairing.Pair(request.HouseholdId.Value, request.TownshipCode!, request.PairerKind!.Value, request.PairerId,
            name is null ? null : protector.Protect(name, PairerNamePurpose), pairerName, request.VisitsPerMonth!.Value, request.From!.Value, request.Until,
            user.Id, time.GetUtcNow());
        db.Pairings.Add(pairing);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "pairing.create", Subject(pairing.Id),
            $"household={pairing.HouseholdId};kind={pairing.PairerKind};pairer={pairing.PairerId?.ToString() ?? "named"};from={pairing.From:yyyy-MM-dd}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/provider/pairings/{pairing.Id}", View(pairing, protector));
    }

    public static async Task<Results<Ok<PairingVisitResponse>, NotFound, ValidationProblem>> RecordVisit(
        Guid id, PairingVisitRequest? request, ProviderDbContext db, PersonalDataProtector protector, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pairing is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var today = time.CountyToday();
        if (request?.VisitedOn is not { } on || on > today || on < pairing.From || (pairing.Until is { } until && on > until))
        {
            errors["visitedOn"] = ["走访日期须在结对期间内，且不能晚于今天。"];
        }

        if (string.IsNullOrWhiteSpace(request?.Summary) || request.Summary.Length > 500)
        {
            errors["summary"] = ["请简要记录走访情况（不超过 500 字）。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "走访记录有误");
        }

        var summary = request!.Summary!.Trim();
        var visit = pairing.RecordVisit(request.VisitedOn!.Value, protector.Protect(summary, VisitSummaryPurpose), user.Id, time.GetUtcNow());
        db.Add(visit);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "pairing.visit", Subject(pairing.Id), $"visit={visit.Id};visitedOn={visit.VisitedOn:yyyy-MM-dd}", cancellationToken);
        return TypedResults.Ok(new PairingVisitResponse(visit.Id, visit.VisitedOn, summary, visit.RecordedAt));
    }

    public static async Task<Results<Ok<PairingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangePairing(
        Guid id, PairingChangeRequest? request, ProviderDbContext db, PersonalDataProtector protector, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.Include(p => p.Visits).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pairing is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.VisitsPerMonth is not { } visits || visits is < 1 or > 31)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["visitsPerMonth"] = ["每月走访次数为 1–31 次。"] }, title: "结对信息有误");
        }

        if (pairing.EndReason is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "结对已经结束，不能再修改。");
        }

        var before = pairing.VisitsPerMonth;
        pairing.ChangeVisits(visits);
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "pairing.change", Subject(pairing.Id), $"visitsPerMonth={before}->{visits}", cancellationToken);
        return TypedResults.Ok(View(pairing, protector));
    }

    public static async Task<Results<Ok<PairingResponse>, NotFound, ValidationProblem>> EndPairing(
        Guid id, EndPairingRequest? request, ProviderDbContext db, PersonalDataProtector protector, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.Include(p => p.Visits).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pairing is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.On is not { } on || on < pairing.From || string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["on"] = ["请填写不早于结对开始日期的结束日期，并写明原因（不超过 500 字）。"],
            }, title: "结束结对有误");
        }

        pairing.End(on, request.Reason.Trim());
        // The reason is the staff's own words: it stays on the pairing, not on the chain.
        await AuditTrail.SaveWithEntryAsync(db, time, user.Id, "pairing.end", Subject(pairing.Id), $"on={on:yyyy-MM-dd}", cancellationToken);
        return TypedResults.Ok(View(pairing, protector));
    }

    private static async Task<Dictionary<string, string[]>> CheckAsync(PairingRequest? request, ProviderDbContext db, CountyOptions county, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.HouseholdId is not { } household || household == Guid.Empty)
        {
            errors["householdId"] = ["请指定结对的家庭。"];
        }

        if (county.FindTownship(request?.TownshipCode) is null)
        {
            errors["townshipCode"] = ["请填写本县的乡镇代码。"];
        }

        if (request?.VisitsPerMonth is not (>= 1 and <= 31))
        {
            errors["visitsPerMonth"] = ["每月走访次数为 1–31 次。"];
        }

        if (request?.From is not { } from)
        {
            errors["from"] = ["请填写结对开始日期。"];
        }
        else if (request.Until is { } until && until < from)
        {
            errors["until"] = ["结对结束日期不能早于开始日期。"];
        }

        switch (request?.PairerKind)
        {
            case PairerKind.Cadre or PairerKind.PartyMember:
                if (PersonName.Problem(request.PairerName) is { } problem)
                {
                    errors["pairerName"] = [problem];
                }

                break;
            case PairerKind.Volunteer:
                if (!await db.Volunteers.AnyAsync(v => v.Id == request.PairerId && v.TownshipCode == request.TownshipCode, cancellationToken))
                {
                    errors["pairerId"] = ["请选择本乡镇已登记的志愿者。"];
                }

                break;
            case PairerKind.Organisation:
                if (!await db.Providers.AnyAsync(p => p.Id == request.PairerId && p.Status == ProviderStatus.Approved, cancellationToken))
                {
                    errors["pairerId"] = ["请选择已入库的服务主体。"];
                }

                break;
            default:
                errors["pairerKind"] = ["结对人类型应为 Cadre（干部）、PartyMember（党员）、Volunteer（志愿者）或 Organisation（组织）。"];
                break;
        }

        return errors;
    }

    private static PairingResponse View(Pairing p, PersonalDataProtector protector) => new(
        p.Id, p.HouseholdId, p.TownshipCode, p.PairerKind, p.PairerId, p.PairerNameMasked, p.VisitsPerMonth, p.From, p.Until, p.EndReason,
        [.. p.Visits.OrderByDescending(v => v.VisitedOn).Select(v => new PairingVisitResponse(v.Id, v.VisitedOn, protector.OpenOrPlain(v.Summary, VisitSummaryPurpose), v.RecordedAt))]);

    /// <summary>A pairing's subject on the audit chain.</summary>
    internal static string Subject(Guid pairingId) => $"pairing:{pairingId}";
}
