namespace ReliefPlatform.Delivery.Domain.WorkOrders;

/// <summary>How fast a provider must act on an assigned order: agree a date within hours, deliver within days.</summary>
public sealed record ServiceLevel(int ResponseHours, int CompletionDays)
{
    public static readonly ServiceLevel Default = new(48, 7);
}

/// <summary>Service levels by item (<c>ServiceLevels</c> in configuration), with a county default.</summary>
public sealed class ServiceLevelOptions
{
    public const string Section = "ServiceLevels";

    public ServiceLevel Default { get; set; } = ServiceLevel.Default;

    public Dictionary<string, ServiceLevel> Items { get; set; } = new(StringComparer.Ordinal);

    public ServiceLevel For(string itemCode) => Items.TryGetValue(itemCode, out var level) ? level : Default;
}
