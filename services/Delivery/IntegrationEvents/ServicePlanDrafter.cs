using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Contracts.Delivery;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Delivery.Domain.Plans;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// An approved assessment drafts the household's service plan: the household's codes, with its matching profile from
/// Assessment (members' ages, disability type and grade, living alone, the benefits they already receive — derived facts,
/// fetched now over a service call rather than carried in events), go to the catalogue's matching (Catalogue, called as
/// the county's services), so member conditions and the overlap rules apply; every eligible item becomes a proposed line at the
/// standard that applies, and the whole answer is kept so staff can read why each item matched or not. The
/// household's earlier plans are superseded; ServicePlanDrafted puts it in the caseworkers' queue. If Catalogue cannot
/// answer, or Assessment cannot, the message is retried; nothing is lost.
/// </summary>
public sealed class ServicePlanDrafter(DeliveryDbContext db, IHttpClientFactory clients, TimeProvider time, ILogger<ServicePlanDrafter> logger)
    : IdempotentConsumer<NeedsAssessed, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(NeedsAssessed message, CancellationToken cancellationToken)
    {
        var recipient = await Db.Recipients.FindAsync([message.HouseholdId], cancellationToken)
            ?? throw new InvalidOperationException("NeedsAssessed arrived before the household's registration; retrying.");
        var facts = await clients.CreateClient(ResourceNames.Assessment)
            .GetFromJsonAsync<MatchingFacts>($"/api/assessment/households/{message.HouseholdId}/matching-profile", cancellationToken)
            ?? throw new InvalidOperationException("Assessment answered no matching profile; retrying.");
        var profile = new
        {
            townshipCode = message.TownshipCode,
            category = recipient.Category,
            degree = message.Degree,
            difficultyTypes = message.DifficultyTypes,
            needCodes = message.NeedCodes,
            members = facts.Members.Select(m => new { age = m.Age, disabilityType = m.DisabilityType, disabilityGrade = m.DisabilityGrade, livingAlone = m.LivingAlone }),
            policies = facts.Policies,
        };
        using var response = await clients.CreateClient(ResourceNames.Catalogue).PostAsJsonAsync("/api/catalogue/match", profile, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var items = answer.RootElement.GetProperty("items");
        var proposals = items.EnumerateArray().Where(i => i.GetProperty("eligible").GetBoolean()).Select(i =>
        {
            var standard = i.GetProperty("standard");
            return new PlanLine.Proposal(
                i.GetProperty("code").GetString()!,
                i.GetProperty("nameZh").GetString()!,
                standard.GetProperty("frequency").GetProperty("times").GetInt32(),
                standard.GetProperty("frequency").GetProperty("per").GetString()!,
                standard.GetProperty("minutesPerSession").GetInt32(),
                string.Join(" ", i.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("explanation").GetString())),
                standard.TryGetProperty("requiredContent", out var content) ? [.. content.EnumerateArray().Select(c => c.GetString()!)] : null);
        }).ToList();

        foreach (var earlier in await Db.Plans.Where(p => p.HouseholdId == message.HouseholdId && p.Status != PlanStatus.Superseded).ToListAsync(cancellationToken))
        {
            earlier.Supersede();
        }

        var plan = ServicePlan.Draft(message.HouseholdId, message.TownshipCode, message.AssessmentId, answer.RootElement.GetProperty("version").GetInt32(),
            proposals, items.GetRawText(), time.GetUtcNow());
        Db.Plans.Add(plan);
        Db.AddIntegrationEvent(new ServicePlanDrafted(plan.Id, plan.HouseholdId, plan.TownshipCode, plan.AssessmentId,
            [.. proposals.Select(p => p.ItemCode)], plan.DraftedAt));
    }
}

/// <summary>The part of Assessment's matching profile the catalogue's matching takes.</summary>
internal sealed record MatchingFacts(IReadOnlyList<MatchingFacts.Member> Members, IReadOnlyList<string> Policies)
{
    internal sealed record Member(int Age, string? DisabilityType, int? DisabilityGrade, bool LivingAlone);
}
