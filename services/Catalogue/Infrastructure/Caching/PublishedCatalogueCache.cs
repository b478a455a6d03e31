using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using StackExchange.Redis;

namespace ReliefPlatform.Catalogue.Infrastructure.Caching;

/// <summary>
/// The published catalogue in Redis, shared by every Catalogue replica. The timeline (which versions exist and
/// when each applies) is deleted on publish; a version's contents never change once published, so its entry is
/// keyed by version and publish time and never needs invalidating. Redis being down slows reads, never breaks them.
/// </summary>
public sealed partial class PublishedCatalogueCache(IConnectionMultiplexer redis, ILogger<PublishedCatalogueCache> logger)
{
    public const string TimelineKey = "catalogue:published:timeline";

    private static readonly TimeSpan TimelineLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan VersionLifetime = TimeSpan.FromDays(1);

    public static string VersionKey(PublishedVersion version) => $"catalogue:published:v{version.Version}:{version.PublishedAt.UtcTicks}";

    public async Task<IReadOnlyList<PublishedVersion>> TimelineAsync(CatalogueDbContext db, CancellationToken cancellationToken) =>
        await GetOrLoadAsync(TimelineKey, TimelineLifetime, async () =>
        {
            var published = await db.Versions.AsNoTracking()
                .Where(v => v.Status == VersionStatus.Published)
                .Select(v => new { Number = v.Number!.Value, EffectiveFrom = v.EffectiveFrom!.Value, v.Note, PublishedAt = v.PublishedAt!.Value })
                .ToListAsync(cancellationToken);
            return CatalogueTimeline.Build(published.Select(p => (p.Number, p.EffectiveFrom, p.Note, p.PublishedAt)));
        });

    public async Task<PublishedCatalogue?> VersionAsync(CatalogueDbContext db, int number, CancellationToken cancellationToken) =>
        (await TimelineAsync(db, cancellationToken)).FirstOrDefault(v => v.Version == number) is { } version
            ? await ContentsAsync(db, version, cancellationToken)
            : null;

    public async Task<PublishedCatalogue?> EffectiveOnAsync(CatalogueDbContext db, DateOnly day, CancellationToken cancellationToken) =>
        CatalogueTimeline.EffectiveOn(await TimelineAsync(db, cancellationToken), day) is { } version
            ? await ContentsAsync(db, version, cancellationToken)
            : null;

    /// <summary>Called after a publish commits (and again when the service sees its own CatalogueVersionPublished).</summary>
    public async Task InvalidateAsync()
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(TimelineKey);
        }
        catch (RedisException ex)
        {
            LogCacheUnavailable(logger, ex.GetType().Name);
        }
    }

    // Only the items are cached per version: its header (when it stops applying) comes from the current timeline.
    private async Task<PublishedCatalogue> ContentsAsync(CatalogueDbContext db, PublishedVersion version, CancellationToken cancellationToken) =>
        new(version, await GetOrLoadAsync<IReadOnlyList<PublishedItem>>(VersionKey(version), VersionLifetime, async () =>
        {
            var items = await db.Items.AsNoTracking()
                .Where(i => db.Versions.Any(v => v.Id == i.VersionId && v.Number == version.Version))
                .OrderBy(i => i.ClassCode).ThenBy(i => i.Code)
                .ToListAsync(cancellationToken);
            return [.. items.Select(i => new PublishedItem(i.Definition, i.Retired, i.RetiredReason))];
        }));

    private async Task<T> GetOrLoadAsync<T>(string key, TimeSpan lifetime, Func<Task<T>> load)
    {
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key);
            if (cached.HasValue)
            {
                return CatalogueJson.Deserialize<T>(cached.ToString());
            }
        }
        catch (RedisException ex)
        {
            LogCacheUnavailable(logger, ex.GetType().Name);
            return await load();
        }

        var loaded = await load();
        try
        {
            await redis.GetDatabase().StringSetAsync(key, CatalogueJson.Serialize(loaded), lifetime);
        }
        catch (RedisException ex)
        {
            LogCacheUnavailable(logger, ex.GetType().Name);
        }

        return loaded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalogue cache is unavailable ({Error}); reading from the database.")]
    private static partial void LogCacheUnavailable(ILogger logger, string error);
}
