using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReliefPlatform.Catalogue.Apis;
using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.Catalogue.Domain.Vocabulary;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Catalogue.Infrastructure;

/// <summary>Reads the reference data the catalogue's rules are checked against.</summary>
public sealed class CatalogueStore(CatalogueDbContext db, IOptions<CountyOptions> county)
{
    public async Task<CatalogueVocabulary> VocabularyAsync(CancellationToken cancellationToken) =>
        new(await db.Vocabulary.AsNoTracking().ToListAsync(cancellationToken));

    public async Task<ItemRules.Context> RulesContextAsync(CancellationToken cancellationToken) => new(
        await VocabularyAsync(cancellationToken),
        (await db.ServiceClasses.AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal),
        county.Value.Townships.Select(t => t.Code).ToHashSet(StringComparer.Ordinal));

    public async Task<ItemPresenter> PresenterAsync(CancellationToken cancellationToken) => new(
        await VocabularyAsync(cancellationToken),
        await db.ServiceClasses.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameZh, StringComparer.Ordinal, cancellationToken),
        TownshipName);

    public bool IsTownship(string code) => county.Value.FindTownship(code) is not null;

    public string TownshipName(string code) => county.Value.FindTownship(code)?.Name ?? code;

    /// <summary>The latest published version by number (the one a new draft starts from), if any.</summary>
    public Task<CatalogueVersion?> LatestPublishedAsync(CancellationToken cancellationToken) =>
        db.Versions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
}
