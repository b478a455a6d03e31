using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Provider.Domain.Capabilities;
using ReliefPlatform.Provider.Domain.CatalogueItems;
using ReliefPlatform.Provider.Domain.Eligibility;
using ReliefPlatform.Provider.Domain.Pairings;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Apis;

/// <summary>
/// What each provider can deliver, where and how much (服务能力), and who is eligible for an item in a township
/// on a day — approved, offering it there with capacity, holding the qualifications it requires.
/// </summary>
public static class CapabilitiesApi
{
    public static IEndpointRouteBuilder MapCapabilitiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/provider").WithTags("Capabilities").RequireAuthorization(policy => policy.RequireRole(ProvidersApi.Readers));

        group.MapPut("/providers/{id:guid}/capabilities", ReplaceCapabilities).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(ReliefAuthenticationExtensions.WritePolicy)
            .RequireAuthorization(policy => policy.RequireRole(ProvidersApi.CountyStaff))
            .WithName("ReplaceProviderCapabilities")
            .WithSummary("Set the items a provider delivers, in which townships and how many per week or month (replaces the list); ProviderCapabilitiesChanged");
        group.MapGet("/providers/{id:guid}/ratings", ListRatings)
            .WithName("ListProviderRatings")
            .WithSummary("Recipients' satisfaction with the provider's confirmed services, per item: count, mean, share rated 4 or 5");
        group.MapGet("/eligibility", ListEligible).ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(policy => policy.RequireRole([.. ProvidersApi.CountyStaff, ReliefRoles.TownshipStaff, ReliefRoles.Supervisor, ReliefRoles.Service]))
            .WithName("ListEligibleProviders")
            .WithSummary("Providers that offer an item, each with eligible or not and why, for a township on a day (?itemCode=&townshipCode=&on=&householdId=: paired providers first)");
        group.MapGet("/capacity", ListCapacity)
            .RequireAuthorization(policy => policy.RequireRole([.. ProvidersApi.CountyStaff, ReliefRoles.Supervisor, ReliefRoles.Finance, ReliefRoles.Service]))
            .WithName("ListTownshipCapacity")
            .WithSummary("Sessions a week the network can deliver per township × item: approved providers holding the item's required qualifications today, each provider's capacity shared equally among its townships (资源布局's supply)");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<TownshipCapacity>>> ListCapacity(ProviderDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.CountyToday();
        var approved = db.Providers.Where(p => p.Status == ProviderStatus.Approved).Select(p => p.Id);
        var capabilities = await db.Capabilities.AsNoTracking().Where(c => approved.Contains(c.ProviderId)).ToListAsync(cancellationToken);
        var required = (await db.ItemRequirements.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.ItemCode, r => r.QualificationType);
        var held = (await db.Qualifications.AsNoTracking().Where(q => q.ValidFrom <= today && q.ValidUntil >= today && approved.Contains(q.ProviderId))
            .Select(q => new { q.ProviderId, q.Type }).ToListAsync(cancellationToken)).Select(q => (q.ProviderId, q.Type)).ToHashSet();
        // A provider lacking a valid certificate an item requires cannot be given that item's work: it is no supply.
        return TypedResults.Ok(TownshipCapacity.Sum(capabilities.Where(c => required[c.ItemCode].All(type => held.Contains((c.ProviderId, type))))));
    }

    public static async Task<Results<Ok<List<CapabilityResponse>>, NotFound, ValidationProblem, ProblemHttpResult>> ReplaceCapabilities(
        Guid id, List<CapabilityRequest>? capabilities, ProviderDbContext db, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return TypedResults.NotFound();
        }

        if (provider.Status is ProviderStatus.Terminated or ProviderStatus.Rejected)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "已退出或未通过入库的服务主体不能登记服务能力。");
        }

        var offerable = await KnownCatalogue.OfferableAsync(db, time.CountyToday(), cancellationToken);
        if (offerable is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "尚未收到已发布的服务清单，请稍后再试。");
        }

        var errors = Check(capabilities, provider.Kind, offerable, county.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "服务能力有误");
        }

        var offered = capabilities!.Select(c => Capability.Offer(id, c.ItemCode!, c.Townships!, c.Capacity!.Value, c.Per!.Value)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Capabilities.Where(c => c.ProviderId == id).ExecuteDeleteAsync(cancellationToken);
        db.Capabilities.AddRange(offered);
        db.AddIntegrationEvent(new ProviderCapabilitiesChanged(
            id, [.. offered.Select(c => new ProviderCapabilityOffer(c.ItemCode, c.Townships, c.WeeklyCapacity))], time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(offered.OrderBy(c => c.ItemCode, StringComparer.Ordinal).Select(ProviderViews.Capability).ToList());
    }

    public static async Task<Results<Ok<List<EligibleProvider>>, ValidationProblem, ProblemHttpResult>> ListEligible(
        string? itemCode, string? townshipCode, DateOnly? on, Guid? householdId, ProviderDbContext db, CurrentUser user, IOptions<CountyOptions> county, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (user.WalledTownship is { } own && townshipCode != own)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "只能查询本乡镇的服务主体。");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(itemCode))
        {
            errors["itemCode"] = ["请指定服务事项编码。"];
        }

        if (county.Value.FindTownship(townshipCode) is null)
        {
            errors["townshipCode"] = ["请指定本县的乡镇代码。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "查询条件有误");
        }

        var day = on ?? time.CountyToday();
        var capabilities = await db.Capabilities.AsNoTracking().Where(c => c.ItemCode == itemCode).ToListAsync(cancellationToken);
        var ids = capabilities.Select(c => c.ProviderId).ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var qualifications = (await db.Qualifications.AsNoTracking().Where(q => ids.Contains(q.ProviderId)).ToListAsync(cancellationToken)).ToLookup(q => q.ProviderId);
        var required = await db.ItemRequirements.AsNoTracking().Where(r => r.ItemCode == itemCode).Select(r => r.QualificationType).ToListAsync(cancellationToken);
        var typeNames = await db.QualificationTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.NameZh, cancellationToken);
        var keys = ids.Select(id => id.ToString()).ToList();
        var load = await db.AssignedOrders.AsNoTracking().Where(o => o.Open && o.ItemCode == itemCode && keys.Contains(o.ProviderId))
            .GroupBy(o => o.ProviderId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.ItemCode == itemCode && keys.Contains(r.ProviderId)).ToDictionaryAsync(r => r.ProviderId, cancellationToken);
        // Organisations paired with the household on that day (对口结对) rank first among the eligible.
        var paired = householdId is { } household
            ? (await db.Pairings.AsNoTracking()
                .Where(x => x.HouseholdId == household && x.PairerKind == PairerKind.Organisation && x.PairerId != null && x.From <= day && (x.Until == null || x.Until >= day))
                .Select(x => x.PairerId!.Value).ToListAsync(cancellationToken)).ToHashSet()
            : [];

        var answers = providers.Select(p =>
        {
            var capability = capabilities.Single(c => c.ProviderId == p.Id);
            var open = load.GetValueOrDefault(p.Id.ToString());
            var rating = ratings.GetValueOrDefault(p.Id.ToString());
            var result = ProviderEligibility.Check(p, capability, open, townshipCode!, [.. qualifications[p.Id]], required, t => typeNames.GetValueOrDefault(t, t), day);
            return new EligibleProvider(p.Id, p.DisplayName, p.Kind, result.Eligible, capability.WeeklyCapacity, open, rating?.Mean, rating?.Count ?? 0, result.Reasons,
                paired.Contains(p.Id));
        });
        return TypedResults.Ok(EligibleProvider.Rank(answers).ToList());
    }

    public static async Task<Results<Ok<List<RatingResponse>>, NotFound>> ListRatings(Guid id, ProviderDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!await ProvidersApi.Visible(db.Providers.AsNoTracking(), user).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var key = id.ToString();
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.ProviderId == key).OrderBy(r => r.ItemCode).ToListAsync(cancellationToken);
        return TypedResults.Ok(ratings.Select(r => new RatingResponse(r.ItemCode, r.Count, r.Mean, r.SatisfiedShare)).ToList());
    }

    internal static Dictionary<string, string[]> Check(
        IReadOnlyList<CapabilityRequest>? capabilities, string providerKind, IReadOnlyDictionary<string, KnownCatalogueItem> offerable, CountyOptions county)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (capabilities is null)
        {
            errors["capabilities"] = ["请提供服务能力列表（可以为空列表）。"];
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < capabilities.Count; i++)
        {
            var capability = capabilities[i];
            var field = $"[{i}]";
            if (capability?.ItemCode is not { } code || !offerable.TryGetValue(code, out var item))
            {
                errors[$"{field}.itemCode"] = [$"服务事项“{capability?.ItemCode}”不在已发布的服务清单中。"];
                continue;
            }

            if (!seen.Add(code))
            {
                errors[$"{field}.itemCode"] = [$"服务事项“{code}”重复列出。"];
            }

            if (!item.ProviderKinds.Contains(providerKind, StringComparer.Ordinal))
            {
                errors[$"{field}.itemCode"] = [$"服务清单规定“{code}”不由此类服务主体提供。"];
            }

            if (capability.Townships is not { Count: > 0 } townships)
            {
                errors[$"{field}.townships"] = ["请列出提供服务的乡镇。"];
            }
            else
            {
                for (var t = 0; t < townships.Count; t++)
                {
                    if (county.FindTownship(townships[t]) is null)
                    {
                        errors[$"{field}.townships[{t}]"] = [$"乡镇代码“{townships[t]}”不是本县的乡镇。"];
                    }
                    else if (item.Townships.Length > 0 && !item.Townships.Contains(townships[t], StringComparer.Ordinal))
                    {
                        errors[$"{field}.townships[{t}]"] = ["服务清单中该事项不在此乡镇提供。"];
                    }
                }
            }

            if (capability.Capacity is not { } capacity)
            {
                errors[$"{field}.capacity"] = ["请填写服务能力（次数）。"];
            }
            else if (capacity < 0)
            {
                errors[$"{field}.capacity"] = ["服务能力不能小于 0。"];
            }
            else if (capacity > 10_000)
            {
                errors[$"{field}.capacity"] = ["服务能力过大，请核对（每周期不超过 10000 次）。"];
            }

            if (capability.Per is not { } per || !Enum.IsDefined(per))
            {
                errors[$"{field}.per"] = ["请选择能力周期：Week（每周）或 Month（每月）。"];
            }
        }

        return errors;
    }
}
