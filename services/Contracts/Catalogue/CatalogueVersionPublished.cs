namespace ReliefPlatform.Contracts.Catalogue;

/// <summary>
/// A version of the service catalogue (服务清单) is published. It applies from <see cref="EffectiveFrom"/> (county
/// date) until the next version's date. Codes only: what each item is, which provider kinds may deliver it and
/// where it is offered, so Provider and Delivery can check capabilities and plans without calling Catalogue.
/// Also re-sent on <see cref="CatalogueAnnouncementRequested"/>, so consumers must treat it as idempotent.
/// </summary>
public sealed record CatalogueVersionPublished(
    int Version,
    DateOnly EffectiveFrom,
    IReadOnlyList<CatalogueItemOffer> Items,
    IReadOnlyList<string> RetiredItemCodes,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An item in force in a version: its code, class, the provider kinds allowed, and its townships (empty = whole county).</summary>
public sealed record CatalogueItemOffer(string Code, string ClassCode, IReadOnlyList<string> ProviderKinds, IReadOnlyList<string> Townships);
