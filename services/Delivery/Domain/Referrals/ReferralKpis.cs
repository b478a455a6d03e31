namespace ReliefPlatform.Delivery.Domain.Referrals;

/// <summary>What a department's KPIs count of one referral sent to it.</summary>
public sealed record ReferralFacts(
    string Department, ReferralStatus Status, DateTimeOffset SentAt, DateTimeOffset? DueBy, DateTimeOffset? AcceptedAt, DateTimeOffset? FinishedAt,
    DateTimeOffset? OverdueReportedAt);

/// <param name="Sent">Referrals sent to the department in the period.</param>
/// <param name="Accepted">…of which it accepted (completed ones included: a referral is accepted before it is completed).</param>
/// <param name="Completed">…of which it completed.</param>
/// <param name="Declined">…of which it declined.</param>
/// <param name="Overdue">…of which it did not finish by the deadline (finished late, or still open past it).</param>
/// <param name="AverageDaysToComplete">From sending to completion, over the completed ones (one decimal); null when none is.</param>
public sealed record DepartmentReferralKpis(
    string Department, string DepartmentName, int Sent, int Accepted, int Completed, int Declined, int Overdue, decimal? AverageDaysToComplete);

/// <summary>Referral KPIs per department, over the referrals sent in a period (the cohort), as of <c>now</c>.</summary>
public static class ReferralKpis
{
    public static IReadOnlyList<DepartmentReferralKpis> Compute(IEnumerable<ReferralFacts> sent, DateTimeOffset now) =>
    [
        .. sent.Where(r => r.Status is not (ReferralStatus.Suggested or ReferralStatus.Dismissed))
            .GroupBy(r => r.Department, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var completed = g.Where(r => r.Status == ReferralStatus.Completed).ToList();
                return new DepartmentReferralKpis(
                    g.Key,
                    Referral.Departments.GetValueOrDefault(g.Key, g.Key),
                    g.Count(),
                    g.Count(r => r.AcceptedAt is not null),
                    completed.Count,
                    g.Count(r => r.Status == ReferralStatus.Declined),
                    g.Count(r => WasLate(r, now)),
                    completed.Count == 0 ? null : Math.Round((decimal)completed.Average(r => (r.FinishedAt!.Value - r.SentAt).TotalDays), 1));
            }),
    ];

    /// <summary>Missed its deadline: escalated, finished after it, or still open past it.</summary>
    public static bool WasLate(ReferralFacts r, DateTimeOffset now) =>
        r.OverdueReportedAt is not null
        || (r.FinishedAt is { } finished ? finished > r.DueBy : r.DueBy < now);
}
