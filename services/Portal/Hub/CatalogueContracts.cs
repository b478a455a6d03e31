using System.Text.Json.Nodes;

namespace ReliefPlatform.Portal.Hub;

// What the catalogue pages read of Catalogue's answers. An item's definition stays the API's JSON: the editor changes
// the fields it has on screen and puts the rest back as it came, so no rule the portal does not show is lost.

public sealed record CatalogueVersionPeriod(int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Note, DateTimeOffset PublishedAt);

public sealed record CatalogueVersionView(CatalogueVersionPeriod Version, IReadOnlyList<CatalogueItemView> Items);

public sealed record CatalogueItemView(JsonObject Item, bool Retired, string? RetiredReason, string ClassName, string ScopeText, string StandardText,
    string DeliveryModesText, string ProviderKindsText, string PricingText, string FundingSourcesText, string TownshipsText, string OverlapsText)
{
    public string Code => (string?)Item["code"] ?? "";

    public string ClassCode => (string?)Item["classCode"] ?? "";

    public string Name(bool english) => (string?)Item[english ? "nameEn" : "nameZh"] ?? Code;
}

public sealed record CatalogueDraftSummary(Guid Id, int? BasedOn, string Status, string Note, DateOnly? EffectiveFrom, DateTimeOffset CreatedAt, int ItemCount);

public sealed record CatalogueDraft(Guid Id, int? BasedOn, string Status, string Note, DateOnly? EffectiveFrom, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt, string? ReturnReason, int? PublishedVersion, IReadOnlyList<CatalogueItemView> Items);

public sealed record CatalogueClass(string Code, string NameZh, string NameEn);

/// <summary>A code of the catalogue's vocabulary (家庭类别, 服务需求, 服务主体类型, 资金来源, 政策 …) with its Chinese name.</summary>
public sealed record VocabularyCode(string Kind, string Code, string NameZh);
