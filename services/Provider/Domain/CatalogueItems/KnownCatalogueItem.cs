namespace ReliefPlatform.Provider.Domain.CatalogueItems;

/// <summary>
/// An item of a published catalogue version, as Provider learned it from CatalogueVersionPublished: enough to
/// refuse capabilities for items that do not exist, are retired, or are not for this kind of provider.
/// </summary>
public sealed class KnownCatalogueItem
{
    private KnownCatalogueItem()
    {
    }

    public int Version { get; private set; }

    public string Code { get; private set; } = "";

    public DateOnly EffectiveFrom { get; private set; }

    public string ClassCode { get; private set; } = "";

    public string[] ProviderKinds { get; private set; } = [];

    /// <summary>Townships it is offered in; empty means the whole county.</summary>
    public string[] Townships { get; private set; } = [];

    public static KnownCatalogueItem Learn(int version, DateOnly effectiveFrom, string code, string classCode, IEnumerable<string> providerKinds, IEnumerable<string> townships) =>
        new()
        {
            Version = version,
            EffectiveFrom = effectiveFrom,
            Code = code,
            ClassCode = classCode,
            ProviderKinds = [.. providerKinds],
            Townships = [.. townships],
        };
}
