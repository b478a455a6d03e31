using ReliefPlatform.Messaging.Persistence;

namespace ReliefPlatform.Assessment.Infrastructure;

internal sealed class AssessmentDbContextDesignTimeFactory : ServiceDbContextDesignTimeFactory<AssessmentDbContext>;
