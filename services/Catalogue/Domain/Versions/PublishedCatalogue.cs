using ReliefPlatform.Catalogue.Domain.Items;

namespace ReliefPlatform.Catalogue.Domain.Versions;

/// <summary>A published version's place in time: it applies from its own date until the day before the next version's.</summary>
public sealed record PublishedVersion(int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Note, DateTimeOffset PublishedAt);

/// <summary>A published version with its items, as readers see it (and as it is cached).</summary>
public sealed record PublishedCatalogue(PublishedVersion Version, IReadOnlyList<PublishedItem> Items)
{
    public IEnumerable<ItemDefinition> ActiveItems => Items.Where(i => !i.Retired).Select(i => i.Item);
}

public sealed record PublishedItem(ItemDefinition Item, bool Retired, string? RetiredReason);

/// <summary>The published versions in order, and which one applies on a day.</summary>
public static class CatalogueTimeline
{
    public static IReadOnlyList<PublishedVersion> Build(IEnumerable<(int Version, DateOnly EffectiveFrom, string Note, DateTimeOffset PublishedAt)> published)
    {
        var ordered = published.OrderBy(p => p.EffectiveFrom).ToList();
        return [.. ordered.Select((p, i) => new PublishedVersion(
            p.Version, p.EffectiveFrom, i + 1 < ordered.Count ? ordered[i + 1].EffectiveFrom.AddDays(-1) : null, p.Note, p.PublishedAt))];
    }

    public static PublishedVersion? EffectiveOn(IReadOnlyList<PublishedVersion> timeline, DateOnly day) =>
        timeline.LastOrDefault(v => v.EffectiveFrom <= day);
}
