using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.Delivery.Infrastructure;

internal sealed class DeliveryDbContextDesignTimeFactory : ServiceDbContextDesignTimeFactory<DeliveryDbContext>;
