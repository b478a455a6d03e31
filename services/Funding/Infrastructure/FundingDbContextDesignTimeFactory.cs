using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.Funding.Infrastructure;

internal sealed class FundingDbContextDesignTimeFactory : ServiceDbContextDesignTimeFactory<FundingDbContext>;
