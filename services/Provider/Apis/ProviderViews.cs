using ReliefPlatform.Provider.Domain.Capabilities;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Provider.Domain.Qualifications;

namespace ReliefPlatform.Provider.Apis;

/// <summary>Entities as callers see them: personal details masked, states named in Chinese.</summary>
public static class ProviderViews
{
    public static ProviderSummary Summary(NetworkProvider p) => new(
        p.Id, p.Kind, p.DisplayName, p.CreditCode, p.Affiliation, p.HomeTownship, p.Status, StatusName(p.Status),
        p.ContactNameMasked, p.ContactPhoneMasked, p.AppliedAt);

    public static string StatusName(ProviderStatus status) => status switch
    {
        ProviderStatus.Applied => "已申请",
        ProviderStatus.Reviewed => "已初审",
        ProviderStatus.Approved => "已入库",
        ProviderStatus.Suspended => "暂停",
        ProviderStatus.Terminated => "已退出",
        _ => "未通过",
    };

    public static CapabilityResponse Capability(Capability c) => new(c.ItemCode, c.Townships, c.Capacity, c.Per, c.WeeklyCapacity);

    public static QualificationResponse Qualification(Qualification q, string typeName, DateOnly today, int warningDays) => new(
        q.Id, q.Type, typeName, q.NumberMasked, q.ValidFrom, q.ValidUntil,
        ValidityState(q.ValidFrom, q.ValidUntil, today, warningDays), q.TrainingCertificateId);

    /// <summary>已过期, 未生效, 即将到期 (valid but ending within the warning window) or 有效.</summary>
    public static string ValidityState(DateOnly from, DateOnly until, DateOnly today, int warningDays) =>
        until < today ? "已过期" : today < from ? "未生效" : until < today.AddDays(warningDays) ? "即将到期" : "有效";
}
