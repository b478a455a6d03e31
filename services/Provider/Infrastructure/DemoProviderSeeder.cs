using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.Provider.Apis;
using ReliefPlatform.Provider.Domain.Providers;
using ReliefPlatform.Security.PersonalData;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Provider.Infrastructure;

/// <summary>
/// Development only: one registered, approved provider — the one the demo provider staff account works for — taken
/// through the same two-person onboarding as any other and announced with ProviderApproved, so Identity and every
/// wall see a real provider id.
/// </summary>
internal static class DemoProviderSeeder
{
    public static async Task SeedDemoProviderAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProviderDbContext>();
        var id = Guid.Parse(DemoCounty.ProviderId);
        if (await db.Providers.FindAsync(id) is not null)
        {
            return;
        }

        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var now = time.GetUtcNow();
        var provider = NetworkProvider.Apply(
            "elderly-care-organisation", DemoCounty.ProviderName, null, DemoCounty.ProviderCreditCode, null, null,
            ProvidersApi.Protect(new ContactRequest("王芳", "13800000000"), protector), "seed", now, id);
        provider.Review("seed-reviewer", now, "Development demo data");
        provider.Approve("seed-approver", now, "Development demo data");
        db.Providers.Add(provider);
        db.AddIntegrationEvent(new ProviderApproved(provider.Id, provider.Kind, provider.HomeTownship, now));
        await db.SaveChangesAsync();
    }
}
