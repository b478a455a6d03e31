using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Provider.Domain.CatalogueItems;

namespace ReliefPlatform.Provider.Infrastructure;

/// <summary>The catalogue items a provider may offer now: those of the version in force today and of any version published to start later.</summary>
public static class KnownCatalogue
{
    /// <summary>By code, the newest definition; null when no catalogue has been received yet.</summary>
    public static async Task<IReadOnlyDictionary<string, KnownCatalogueItem>?> OfferableAsync(ProviderDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var versions = await db.CatalogueItems.AsNoTracking().Select(i => new { i.Version, i.EffectiveFrom }).Distinct().ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        var inForce = versions.Where(v => v.EffectiveFrom <= today).MaxBy(v => v.EffectiveFrom)?.Version;
        var relevant = versions.Where(v => v.EffectiveFrom > today || v.Version == inForce).Select(v => v.Version).ToList();
        var items = await db.CatalogueItems.AsNoTracking().Where(i => relevant.Contains(i.Version)).ToListAsync(cancellationToken);
        return items.GroupBy(i => i.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(i => i.Version)!, StringComparer.Ordinal);
    }
}
