using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.IntegrationEvents;

namespace ReliefPlatform.Catalogue.Infrastructure;

/// <summary>Publishes the shipped Huoshan catalogue as version 1 when the county has none yet.</summary>
public static class DefaultCatalogueSeeder
{
    public static async Task SeedAsync(CatalogueDbContext db, CatalogueStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Versions.AnyAsync(v => v.Status == VersionStatus.Published, cancellationToken))
        {
            return;
        }

        var seed = CatalogueJson.Default();
        var context = await store.RulesContextAsync(cancellationToken);
        var invalid = seed.Items.SelectMany(i => ItemRules.Check(i, context).Select(e => $"{i.Code}.{e.Key}: {string.Join(" ", e.Value)}")).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException($"The shipped catalogue breaks its own rules: {string.Join("; ", invalid)}");
        }

        var version = CatalogueVersion.Seeded(seed.EffectiveFrom, seed.Note, time.GetUtcNow());
        db.Versions.Add(version);
        var items = seed.Items.Select(i => CatalogueItem.In(version.Id, i)).ToList();
        db.Items.AddRange(items);
        CatalogueAnnouncements.Announce(db, version, items, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another replica seeded it first (version number 1 is unique).
        }
    }
}
