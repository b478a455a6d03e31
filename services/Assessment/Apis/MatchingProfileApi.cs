using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Security.Authorization;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Apis;

/// <summary>A household as catalogue matching needs it: derived facts only — never a name, ID number, birth date or address.</summary>
/// <param name="On">The county day the ages are computed for.</param>
/// <param name="Policies">Every existing policy any member receives (the catalogue's policy codes), for the overlap rules.</param>
public sealed record MatchingProfileResponse(
    Guid HouseholdId, string TownshipCode, string Category, DateOnly On, IReadOnlyList<MatchingMemberProfile> Members, IReadOnlyList<string> Policies)
{
    public static MatchingProfileResponse From(Household household, DateOnly on)
    {
        var members = household.MembersInOrder.Select(m => new MatchingMemberProfile(
            m.AgeOn(on), m.IsMale ? "Male" : "Female", m.EmploymentStatus?.ToString(), m.DisabilityType?.ToString(), m.DisabilityGrade, m.LivingAlone,
            m.HasEffectiveGuardian, m.Benefits)).ToList();
        return new(household.Id, household.TownshipCode, household.Category.ToString(), on, members,
            [.. members.SelectMany(m => m.Benefits).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }
}

/// <param name="Sex"><c>Female</c> or <c>Male</c> (the catalogue's <c>sex</c> codes), read from the ID number.</param>
/// <param name="EmploymentStatus">The catalogue's employment-status code (e.g. <c>Unemployed</c>), when recorded.</param>
/// <param name="DisabilityType">The catalogue's disability-type code (e.g. <c>Physical</c>), when the member holds a certificate.</param>
public sealed record MatchingMemberProfile(int Age, string Sex, string? EmploymentStatus, string? DisabilityType, int? DisabilityGrade, bool LivingAlone, bool? HasEffectiveGuardian, IReadOnlyList<string> Benefits);

/// <summary>
/// The matching profile Delivery fetches when it drafts a plan (over an authenticated service call, not in events, so the
/// facts about people never travel through the broker).
/// </summary>
public static class MatchingProfileApi
{
    public static IEndpointRouteBuilder MapMatchingProfileApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assessment/households/{id:guid}/matching-profile", GetMatchingProfile)
            .WithTags("Households")
            .RequireAuthorization(policy => policy.RequireRole([.. HouseholdsApi.RegistryRoles, ReliefRoles.Service]))
            .WithName("GetHouseholdMatchingProfile")
            .WithSummary("A household's facts for catalogue matching: members' ages, sex, employment status, disability type and grade, living alone, benefits received — no names or ID numbers");
        return app;
    }

    public static async Task<Results<Ok<MatchingProfileResponse>, NotFound>> GetMatchingProfile(
        Guid id, AssessmentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        return household is null ? TypedResults.NotFound() : TypedResults.Ok(MatchingProfileResponse.From(household, time.CountyToday()));
    }
}
