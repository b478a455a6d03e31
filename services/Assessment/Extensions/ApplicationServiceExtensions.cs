using ReliefPlatform.Security.Authorization;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Infrastructure;
using ReliefPlatform.Assessment.Infrastructure.Imports;
using ReliefPlatform.Assessment.Infrastructure.Policies;
using ReliefPlatform.Assessment.IntegrationEvents;
using ReliefPlatform.Messaging;
using ReliefPlatform.Security.Audit;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.Security.ServiceCalls;
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
        builder.Services.AddSingleton<InstrumentCatalog>();
        builder.Services.AddOptions<ReassessmentOptions>().BindConfiguration(ReassessmentOptions.Section);
        builder.Services.AddHostedService<ReassessmentAnnouncer>();
        builder.Services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.Section);
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        builder.Services.AddSingleton<ImportDatabase>();
        builder.Services.AddSingleton<ImportQueueSignal>();
        builder.Services.AddSingleton<ImportBatchWriter>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddHostedService<ImportWorker>();
        builder.Services.AddSingleton<ImportFileSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ImportFileSweeper>());
        // A member's benefits are the catalogue's existing-policy codes, checked against Catalogue as the county's services.
        builder.AddServiceClient(ResourceNames.Catalogue);
        builder.Services.AddSingleton<ExistingPolicies>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>Publishes the instrument versions shipped with the service that the database does not have yet.</summary>
    public static async Task SeedAssessmentDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        await InstrumentCatalog.SeedShippedAsync(db, TimeProvider.System, app.Lifetime.ApplicationStopping);
    }
}
