using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Infrastructure;
using ReliefPlatform.Contracts.Catalogue;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.Catalogue.IntegrationEvents;

/// <summary>Stages CatalogueVersionPublished for a published version in the outbox of the current unit of work.</summary>
public static class CatalogueAnnouncements
{
    public static void Announce(CatalogueDbContext db, CatalogueVersion version, IEnumerable<CatalogueItem> items, DateTimeOffset at)
    {
        var all = items.ToList();
        db.AddIntegrationEvent(new CatalogueVersionPublished(
            version.Number!.Value,
            version.EffectiveFrom!.Value,
            [.. all.Where(i => !i.Retired).OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => Offer(i.Definition))],
            [.. all.Where(i => i.Retired).Select(i => i.Code).Order(StringComparer.Ordinal)],
            at));
    }

    private static CatalogueItemOffer Offer(ItemDefinition item) => new(item.Code, item.ClassCode, item.ProviderKinds, item.Townships);
}

/// <summary>Announces every published version again for a service that knows none (see <see cref="CatalogueAnnouncementRequested"/>).</summary>
public sealed class CatalogueAnnouncementRequestedConsumer(CatalogueDbContext db, TimeProvider time) : MassTransit.IConsumer<CatalogueAnnouncementRequested>
{
    public async Task Consume(MassTransit.ConsumeContext<CatalogueAnnouncementRequested> context)
    {
        var published = await db.Versions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).OrderBy(v => v.Number).ToListAsync(context.CancellationToken);
        foreach (var version in published)
        {
            var items = await db.Items.AsNoTracking().Where(i => i.VersionId == version.Id).ToListAsync(context.CancellationToken);
            CatalogueAnnouncements.Announce(db, version, items, time.GetUtcNow());
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
