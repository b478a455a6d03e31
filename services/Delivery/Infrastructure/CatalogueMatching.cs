using System.Net.Http.Json;
using System.Text.Json;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Delivery.Infrastructure;

/// <summary>
/// Asks the catalogue's matching (Catalogue, called as the county's services) which items a household qualifies for:
/// the household's codes with its matching profile from Assessment (members' ages, sex, employment status, disability type
/// and grade, living alone, the benefits they already receive — derived facts, fetched now over a service call rather than
/// carried in events), so member conditions and the overlap rules apply. Used to draft a plan and to add an item to one.
/// </summary>
public sealed class CatalogueMatching(IHttpClientFactory clients)
{
    public async Task<CatalogueAnswer> MatchAsync(
        Guid householdId, string townshipCode, string category, string? degree, IReadOnlyList<string> difficultyTypes, IReadOnlyList<string> needCodes,
        CancellationToken cancellationToken)
    {
        var facts = await clients.CreateClient(ResourceNames.Assessment)
            .GetFromJsonAsync<MatchingFacts>($"/api/assessment/households/{householdId}/matching-profile", cancellationToken)
            ?? throw new InvalidOperationException("Assessment answered no matching profile.");
        var profile = new
        {
            townshipCode,
            category,
            degree,
            difficultyTypes,
            needCodes,
            members = facts.Members.Select(m => new
            {
                age = m.Age, disabilityType = m.DisabilityType, disabilityGrade = m.DisabilityGrade, livingAlone = m.LivingAlone, sex = m.Sex,
                employmentStatus = m.EmploymentStatus,
            }),
            policies = facts.Policies,
        };
        using var response = await clients.CreateClient(ResourceNames.Catalogue).PostAsJsonAsync("/api/catalogue/match", profile, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var items = answer.RootElement.GetProperty("items");
        return new CatalogueAnswer(answer.RootElement.GetProperty("version").GetInt32(), items.GetRawText(), [.. items.EnumerateArray().Select(ItemAnswer.From)]);
    }

    /// <summary>The part of Assessment's matching profile the catalogue's matching takes.</summary>
    private sealed record MatchingFacts(IReadOnlyList<MatchingFacts.Member> Members, IReadOnlyList<string> Policies)
    {
        internal sealed record Member(int Age, string? DisabilityType, int? DisabilityGrade, bool LivingAlone, string? Sex, string? EmploymentStatus);
    }
}

/// <param name="Considered">Every item considered, with whether it matched and why (the matching's answer, as JSON).</param>
public sealed record CatalogueAnswer(int Version, string Considered, IReadOnlyList<ItemAnswer> Items)
{
    public IEnumerable<PlanLine.Proposal> Proposals => Items.Where(i => i.Proposal is not null).Select(i => i.Proposal!);
}

/// <param name="Proposal">The line at the standard that applies, when the household is eligible.</param>
/// <param name="Unmet">The rules the household does not meet, in words, when it is not.</param>
public sealed record ItemAnswer(string Code, string Name, PlanLine.Proposal? Proposal, IReadOnlyList<string> Unmet)
{
    internal static ItemAnswer From(JsonElement item)
    {
        var code = item.GetProperty("code").GetString()!;
        var name = item.GetProperty("nameZh").GetString()!;
        var reasons = item.GetProperty("reasons").EnumerateArray().ToList();
        if (!item.GetProperty("eligible").GetBoolean())
        {
            return new ItemAnswer(code, name, null, [.. reasons.Where(r => !r.GetProperty("met").GetBoolean()).Select(r => r.GetProperty("explanation").GetString()!)]);
        }

        var standard = item.GetProperty("standard");
        return new ItemAnswer(code, name, new PlanLine.Proposal(
            code,
            name,
            standard.GetProperty("frequency").GetProperty("times").GetInt32(),
            standard.GetProperty("frequency").GetProperty("per").GetString()!,
            standard.GetProperty("minutesPerSession").GetInt32(),
            string.Join(" ", reasons.Select(r => r.GetProperty("explanation").GetString())),
            standard.TryGetProperty("requiredContent", out var content) ? [.. content.EnumerateArray().Select(c => c.GetString()!)] : null), []);
    }
}
