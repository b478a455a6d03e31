using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.Catalogue.Infrastructure;

internal sealed class CatalogueDbContextDesignTimeFactory : ServiceDbContextDesignTimeFactory<CatalogueDbContext>;
