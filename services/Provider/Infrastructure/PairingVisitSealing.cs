using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Provider.Apis;
using ReliefPlatform.Provider.Domain.Pairings;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Provider.Infrastructure;

/// <summary>
/// Pairing visits' summaries were once stored as written. They may touch on a household's health, so they are sealed now
/// (<see cref="PairingsApi.VisitSummaryPurpose"/>); the ones written before are sealed when Provider starts, in batches,
/// before it takes traffic. Replicas starting together may seal the same summary: each update names the plain text it
/// replaces, so the second finds it gone and leaves the first's.
/// </summary>
internal static partial class PairingVisitSealing
{
    private const int Batch = 500;

    /// <summary>Whether a stored summary is in the protector's sealed form (<c>v1.&lt;key&gt;.…</c>).</summary>
    public static bool IsSealed(string stored) => stored.StartsWith("v1.", StringComparison.Ordinal);

    public static async Task SealPairingVisitSummariesAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProviderDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var sealedCount = 0;
        var after = Guid.Empty;
        while (true)
        {
            var plain = await db.Set<PairingVisit>().AsNoTracking().Where(v => v.Id.CompareTo(after) > 0 && !v.Summary.StartsWith("v1."))
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
