using ReliefPlatform.Provider.Domain.Capabilities;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Domain.Qualifications;

namespace ReliefPlatform.Provider.Domain.Eligibility;

/// <summary>One condition considered: <c>status</c>, <c>capability</c>, <c>township</c>, <c>capacity</c> or <c>qualification:&lt;type&gt;</c>.</summary>
public sealed record EligibilityReason(string Rule, bool Met, string Explanation);

public sealed record EligibilityResult(bool Eligible, IReadOnlyList<EligibilityReason> Reasons);

/// <summary>
/// Whether a provider may be given an item's work in a township on a day: approved, offers the item there
/// with capacity left beyond its open orders, and holds every qualification the item requires, valid that day. Pure.
/// </summary>
public static class ProviderEligibility
{
    public static EligibilityResult Check(
        NetworkProvider provider, Capability? capability, int openOrders, string township, IReadOnlyCollection<Qualification> qualifications,
        IReadOnlyCollection<string> requiredTypes, Func<string, string> typeName, DateOnly day)
    {
        var reasons = new List<EligibilityReason>
        {
            provider.Status == ProviderStatus.Approved
                ? new("status", true, "已入库。")
                : new("status", false, provider.Status switch
                {
                    ProviderStatus.Suspended => "已暂停，恢复前不能派单。",
                    ProviderStatus.Terminated => "已退出服务网络。",
                    ProviderStatus.Rejected => "入库申请未通过。",
                    _ => "尚未审批入库。",
                }),
        };

        if (capability is null)
        {
            reasons.Add(new("capability", false, "未登记提供该服务的能力。"));
        }
        else
        {
            reasons.Add(new("capability", true, "已登记提供该服务。"));
            var covers = capability.Townships.Contains(township, StringComparer.Ordinal);
            reasons.Add(new("township", covers, covers ? "服务范围包括该乡镇。" : "服务范围不包括该乡镇。"));
            var declared = $"服务能力{(capability.Per == CapacityPeriod.Week ? "每周" : "每月")}{capability.Capacity}次";
            reasons.Add(capability.Capacity == 0
                ? new("capacity", false, "服务能力为 0，暂不接单。")
                : openOrders < capability.WeeklyCapacity
                    ? new("capacity", true, $"{declared}，在办工单{openOrders}件。")
                    : new("capacity", false, $"{declared}，在办工单已有{openOrders}件，暂无余力。"));
        }

        foreach (var type in requiredTypes.Order(StringComparer.Ordinal))
        {
            var held = qualifications.Where(q => q.Type == type).OrderByDescending(q => q.ValidUntil).ToList();
            var valid = held.FirstOrDefault(q => q.IsValidOn(day));
            reasons.Add(valid is not null
                ? new($"qualification:{type}", true, $"持有有效的{typeName(type)}（至{valid.ValidUntil:yyyy-MM-dd}）。")
                : new($"qualification:{type}", false, held.Count > 0
                    ? $"{typeName(type)}已于{held[0].ValidUntil:yyyy-MM-dd}过期（或尚未生效），换证前不能提供该服务。"
                    : $"该服务要求持有{typeName(type)}，尚未登记。"));
        }

        return new EligibilityResult(reasons.TrueForAll(r => r.Met), reasons);
    }
}
