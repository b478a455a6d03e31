using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Assessment.Domain.Assessments;

namespace ReliefPlatform.Assessment.Infrastructure;

/// <summary>
/// Published instrument versions. A version never changes once published, so each is parsed once and kept;
/// which version is current is asked of the database, so every replica sees a new version at once.
/// </summary>
public sealed class InstrumentCatalog
{
    private readonly ConcurrentDictionary<int, Instrument> _versions = new();

    public async Task<Instrument> CurrentAsync(AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Instruments.MaxAsync(i => (int?)i.Version, cancellationToken)
            ?? throw new InvalidOperationException("No assessment instrument has been published.");
        return (await VersionAsync(db, version, cancellationToken))!;
    }

    public async Task<Instrument?> VersionAsync(AssessmentDbContext db, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        var stored = await db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.Version == version, cancellationToken);
        return stored is null ? null : _versions.GetOrAdd(version, stored.Read());
    }

    /// <summary>
    /// Publishes each shipped version under its number when that number is still free: a fresh database gets them all
    /// (the newest is current), an older one gets the versions shipped since. Published versions are never touched, so
    /// approved results keep the version they were scored by; a number the county already used for a version of its
    /// own keeps the county's instrument.
    /// </summary>
    public static async Task SeedShippedAsync(AssessmentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        foreach (var instrument in InstrumentJson.Shipped())
        {
            if (await db.Instruments.AnyAsync(i => i.Version == instrument.Version, cancellationToken))
            {
                continue;
            }

            db.Instruments.Add(PublishedInstrument.Publish(instrument, "system", time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica published it first.
                db.ChangeTracker.Clear();
            }
        }
    }
}
