namespace ReliefPlatform.Contracts.Catalogue;

/// <summary>
/// The county approved and published a version of the service catalogue (服务清单). It applies from
/// <see cref="EffectiveFrom"/> (county date) until the next version's date; item codes only.
/// </summary>
public sealed record CatalogueVersionPublished(
    int Version,
    DateOnly EffectiveFrom,
    IReadOnlyList<string> ItemCodes,
    IReadOnlyList<string> RetiredItemCodes,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
