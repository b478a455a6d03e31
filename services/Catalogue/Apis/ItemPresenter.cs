using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Domain.Vocabulary;

namespace ReliefPlatform.Catalogue.Apis;

/// <summary>Turns items into responses with their rules spelled out, using one read of the reference data.</summary>
public sealed record ItemPresenter(CatalogueVocabulary Vocabulary, IReadOnlyDictionary<string, string> ClassNames, Func<string, string> TownshipName)
{
    public ItemResponse Present(ItemDefinition item, bool retired, string? retiredReason) =>
        ItemResponse.From(item, retired, retiredReason, Vocabulary, ClassNames, TownshipName);

    public ItemResponse Present(CatalogueItem item) => Present(item.Definition, item.Retired, item.RetiredReason);

    public PublishedCatalogueResponse Present(PublishedCatalogue catalogue) =>
        new(catalogue.Version, [.. catalogue.Items.Select(i => Present(i.Item, i.Retired, i.RetiredReason))]);
}
