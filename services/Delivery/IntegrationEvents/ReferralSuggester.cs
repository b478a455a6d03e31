using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Delivery.Domain.Referrals;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>
/// An approved assessment whose needs belong to a department (助学 → 教育, 就业 → 人社, 危房改造 → 住建, 就医 → 卫健; the
/// <see cref="ReferralKindOptions"/>) suggests a referral of each such kind, unless the household already has one of the
/// kind open. The hub reads the suggestion and sends it; the department sees it only then.
/// </summary>
public sealed class ReferralSuggester(DeliveryDbContext db, IOptions<ReferralKindOptions> kinds, DeliverySeal seal, ILogger<ReferralSuggester> logger)
    : IdempotentConsumer<NeedsAssessed, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(NeedsAssessed message, CancellationToken cancellationToken)
    {
        var suggested = kinds.Value.SuggestedBy(message.NeedCodes).ToList();
        if (suggested.Count == 0)
        {
            return;
        }

        var codes = suggested.Select(s => s.Kind).ToList();
        var open = await Db.Referrals
            .Where(r => r.HouseholdId == message.HouseholdId && r.Kind != null && codes.Contains(r.Kind) && Referral.Open.Contains(r.Status))
            .Select(r => r.Kind!).ToListAsync(cancellationToken);
        foreach (var (kind, referral) in suggested.Where(s => !open.Contains(s.Kind)))
        {
            Db.Referrals.Add(Referral.Suggest(message.HouseholdId, message.TownshipCode, referral.Department, kind,
                seal.Seal($"{referral.Name}（需求评估建议）"), message.AssessmentId, message.OccurredAt));
        }
    }
}
