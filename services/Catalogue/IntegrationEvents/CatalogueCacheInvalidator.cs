using MassTransit;
using ReliefPlatform.Catalogue.Infrastructure.Caching;
using ReliefPlatform.Contracts.Catalogue;

namespace ReliefPlatform.Catalogue.IntegrationEvents;

/// <summary>
/// Drops the cached timeline again when the service's own CatalogueVersionPublished comes back from the broker:
/// if the publishing replica stopped between commit and invalidation, or a reader re-cached the old timeline in
/// that moment, the cache still learns of the new version. Deleting a key is idempotent, so no inbox is needed.
/// </summary>
public sealed class CatalogueCacheInvalidator(PublishedCatalogueCache cache) : IConsumer<CatalogueVersionPublished>
{
    public Task Consume(ConsumeContext<CatalogueVersionPublished> context) => cache.InvalidateAsync();
}
