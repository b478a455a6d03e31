using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Provider.Apis;
using ReliefPlatform.Provider.Domain.Pairings;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Provider.Infrastructure;

/// <summary>
/// Pairing visits' summaries were once stored as written. They may touch on a household's health, so they are sealed now
/// (<see cref="PairingsApi.VisitSummaryPurpose"/>); the ones written before are sealed when Provider starts, in batches,
/// before it takes traffic (until then, or while an older replica still writes them plain, a plain one is read as it is:
/// <see cref="PersonalDataProtector.OpenOrPlain"/>). Replicas starting together may seal the same summary: each update names the plain text it
/// replaces, so the second finds it gone and leaves the first's.
/// </summary>
internal static partial class PairingVisitSealing
{
    private const int Batch = 500;

    public static async Task SealPairingVisitSummariesAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProviderDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var sealedCount = 0;
        var after = Guid.Empty;
        while (true)
        {
            var plain = await db.Set<PairingVisit>().AsNoTracking().Where(v => v.Id.CompareTo(after) > 0 && !v.Summary.StartsWith(PersonalDataProtector.SealedPrefix))
                .OrderBy(v => v.Id).Select(v => new { v.Id, v.Summary }).Take(Batch).ToListAsync(cancellationToken);
            foreach (var visit in plain)
            {
                var sealedSummary = protector.Protect(visit.Summary, PairingsApi.VisitSummaryPurpose);
                sealedCount += await db.Set<PairingVisit>().Where(v => v.Id == visit.Id && v.Summary == visit.Summary)
                    .ExecuteUpdateAsync(u => u.SetProperty(v => v.Summary, sealedSummary), cancellationToken);
            }

            if (plain.Count > 0)
            {
                after = plain[^1].Id;
            }

            if (plain.Count < Batch)
            {
                break;
            }
        }

        if (sealedCount > 0)
        {
            LogSealed(app.Logger, sealedCount);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} pairing visit summaries written before summaries were sealed")]
    private static partial void LogSealed(ILogger logger, int count);
}
