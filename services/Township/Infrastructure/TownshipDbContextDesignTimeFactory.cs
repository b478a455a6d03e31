using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.Township.Infrastructure;

internal sealed class TownshipDbContextDesignTimeFactory : ServiceDbContextDesignTimeFactory<TownshipDbContext>;
