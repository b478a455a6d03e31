using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.Provider.Infrastructure;

internal sealed class ProviderDbContextDesignTimeFactory : ServiceDbContextDesignTimeFactory<ProviderDbContext>;
