using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.Identity.Infrastructure;

internal sealed class IdentityDbContextDesignTimeFactory : ServiceDbContextDesignTimeFactory<ReliefIdentityDbContext>;
