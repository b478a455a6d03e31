using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults;

namespace ReliefPlatform.Assessment.Extensions;

internal static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AssessmentDbContext>(ResourceNames.DatabaseOf(ResourceNames.Assessment));
        builder.AddMessaging<AssessmentDbContext>(ResourceNames.Assessment);
        builder.AddReliefAuthentication(ResourceNames.Assessment);
        builder.AddPersonalData();
        builder.Services.AddAuditLogDatabase<AssessmentDbContext>();
        builder.Services.AddOpenApi();
        return builder;
    }
}
