using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Matching;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Domain.Vocabulary;

namespace ReliefPlatform.Catalogue.Apis;

public sealed record NewDraftRequest(string? Note);

public sealed record SubmitDraftRequest(DateOnly? EffectiveFrom, string? Note);

public sealed record ReasonRequest(string? Reason);

/// <summary>An item with its rules spelled out in Chinese, as the printed catalogue shows them.</summary>
public sealed record ItemResponse(
    ItemDefinition Item,
    bool Retired,
    string? RetiredReason,
    string ClassName,
    string ScopeText,
    string StandardText,
    string DeliveryModesText,
    string ProviderKindsText,
    string PricingText,
    string FundingSourcesText,
    string TownshipsText,
    string OverlapsText)
{
    public static ItemResponse From(ItemDefinition item, bool retired, string? retiredReason, CatalogueVocabulary vocabulary,
        IReadOnlyDictionary<string, string> classNames, Func<string, string> townshipName) => new(
        item,
        retired,
        retiredReason,
        classNames.GetValueOrDefault(item.ClassCode, item.ClassCode),
        ItemDescriptions.Scope(item.Scope, vocabulary),
        ItemDescriptions.Standard(item.Standard),
        ItemDescriptions.DeliveryModes(item.DeliveryModes),
        vocabulary.Names(VocabularyKinds.ProviderKind, item.ProviderKinds),
        ItemDescriptions.Pricing(item.Pricing),
        vocabulary.Names(VocabularyKinds.FundingSource, item.FundingSources),
        item.Townships.Count == 0 ? "全县" : string.Join("、", item.Townships.Select(townshipName)),
        ItemDescriptions.Overlaps(item.Overlaps, vocabulary));
}

public sealed record DraftResponse(
    Guid Id,
    int? BasedOn,
    VersionStatus Status,
    string Note,
    DateOnly? EffectiveFrom,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    string? ReturnReason,
    int? PublishedVersion,
    IReadOnlyList<ItemResponse> Items);

public sealed record DraftSummary(Guid Id, int? BasedOn, VersionStatus Status, string Note, DateOnly? EffectiveFrom, DateTimeOffset CreatedAt, int ItemCount);

public sealed record PublishedCatalogueResponse(PublishedVersion Version, IReadOnlyList<ItemResponse> Items);

public sealed record MatchResponse(int Version, DateOnly EffectiveFrom, int EligibleCount, IReadOnlyList<ItemMatch> Items);

public sealed record VocabularyCodeResponse(string Kind, string Code, string NameZh);

public sealed record NewVocabularyCodeRequest(string? Kind, string? Code, string? NameZh);
