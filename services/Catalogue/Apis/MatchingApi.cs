using Microsoft.AspNetCore.Http.HttpResults;
using ReliefPlatform.Catalogue.Domain.Matching;
using ReliefPlatform.Catalogue.Domain.Vocabulary;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Catalogue.Infrastructure.Caching;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Catalogue.Apis;

/// <summary>
/// Matching (清单匹配): which items of the catalogue in force a household's needs profile qualifies for, the
/// standard that then applies, and why each item matches or not. Delivery builds service plans from it.
/// </summary>
public static class MatchingApi
{
    private static readonly string[] Callers =
    [
        ReliefRoles.CountyAdmin, ReliefRoles.CountyCaseworker, ReliefRoles.TownshipStaff, ReliefRoles.VillageVisitor,
        ReliefRoles.Supervisor, ReliefRoles.Service,
    ];

    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/catalogue/match", Match).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).WithTags("Catalogue")
            .RequireAuthorization(policy => policy.RequireRole(Callers))
            .WithName("MatchCatalogueItems")
            .WithSummary("Match a household's needs profile against the catalogue in force (today or ?on=), with the reasons for every item; township and village staff match their own township's households");
        return app;
    }

    public static async Task<Results<Ok<MatchResponse>, ValidationProblem, ProblemHttpResult>> Match(
        HouseholdProfile? profile, DateOnly? on, CatalogueDbContext db, PublishedCatalogueCache cache, CatalogueStore store, CurrentUser user,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // Township staff plan for their own township's households; a profile without a township is theirs.
        if (user.WalledTownship is { } own && profile is not null)
        {
            if (profile.TownshipCode is { } township && township != own)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "只能为本乡镇的家庭匹配服务。");
            }

            profile = profile with { TownshipCode = own };
        }

        var vocabulary = await store.VocabularyAsync(cancellationToken);
        var errors = Check(profile, vocabulary, store.IsTownship);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "家庭需求信息有误");
        }

        var day = on ?? time.CountyToday();
        if (await cache.EffectiveOnAsync(db, day, cancellationToken) is not { } catalogue)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{day:yyyy-MM-dd} 没有施行中的服务清单。");
        }

        var matches = new ItemMatcher(vocabulary, store.TownshipName).Match(profile!, catalogue.ActiveItems);
        return TypedResults.Ok(new MatchResponse(catalogue.Version.Version, catalogue.Version.EffectiveFrom, matches.Count(m => m.Eligible), matches));
    }

    /// <summary>An unknown code would silently match nothing; it is refused instead, field by field.</summary>
    internal static Dictionary<string, string[]> Check(HouseholdProfile? profile, CatalogueVocabulary vocabulary, Func<string, bool> isTownship)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (profile is null)
        {
            errors["profile"] = ["请提供家庭需求信息。"];
            return errors;
        }

        void Known(string field, string kind, string what, string? code)
        {
            if (code is not null && !vocabulary.Knows(kind, code))
            {
                errors[field] = [$"{what}“{code}”不存在。"];
            }
        }

        void AllKnown(string field, string kind, string what, IReadOnlyList<string>? codes)
        {
            for (var i = 0; i < (codes?.Count ?? 0); i++)
            {
                Known($"{field}[{i}]", kind, what, codes![i]);
            }
        }

        if (profile.TownshipCode is { } township && !isTownship(township))
        {
            errors["townshipCode"] = [$"乡镇代码“{township}”不是本县的乡镇。"];
        }

        Known("category", VocabularyKinds.Category, "家庭类别", profile.Category);
        Known("degree", VocabularyKinds.Degree, "困难程度", profile.Degree);
        AllKnown("difficultyTypes", VocabularyKinds.DifficultyType, "困境类型", profile.DifficultyTypes);
        AllKnown("needCodes", VocabularyKinds.Need, "服务需求", profile.NeedCodes);
        AllKnown("policies", VocabularyKinds.Policy, "现有政策", profile.Policies);
        if (profile.DifficultyTypes is null || profile.NeedCodes is null || profile.Policies is null || profile.Members is null)
        {
            errors["profile"] = ["困境类型、服务需求、现有政策和成员须为列表（可以为空列表）。"];
            return errors;
        }

        for (var i = 0; i < profile.Members.Count; i++)
        {
            var member = profile.Members[i];
            if (member is null || member.Age is < 0 or > 120)
            {
                errors[$"members[{i}].age"] = ["年龄应在 0–120 岁之间。"];
                continue;
            }

            Known($"members[{i}].disabilityType", VocabularyKinds.DisabilityType, "残疾类别", member.DisabilityType);
            if (member.DisabilityGrade is < 1 or > 4)
            {
                errors[$"members[{i}].disabilityGrade"] = ["残疾等级为 1–4 级。"];
            }
        }

        return errors;
    }
}
