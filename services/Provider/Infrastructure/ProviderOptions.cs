namespace ReliefPlatform.Provider.Infrastructure;

/// <summary>Settings of the Provider service (section <c>Provider</c>).</summary>
public sealed class ProviderOptions
{
    public const string Section = "Provider";

    /// <summary>How many days ahead an expiring qualification is warned about.</summary>
    public int WarningDays { get; set; } = 30;

    /// <summary>How often to ask Catalogue to announce its versions while none is known.</summary>
    public TimeSpan CatalogueRequestInterval { get; set; } = TimeSpan.FromSeconds(15);
}
