using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Catalogue.Domain.Items;
using ReliefPlatform.Catalogue.Domain.Versions;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Catalogue.Infrastructure;

/// <summary>What a draft must satisfy to be submitted, and again — against the state of that moment — to be published.</summary>
public static class CataloguePublishing
{
    public static async Task<Dictionary<string, string[]>> CheckAsync(
        CatalogueVersion draft, DateOnly? effectiveFrom, CatalogueDbContext db, CatalogueStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var latest = await store.LatestPublishedAsync(cancellationToken);
        if (latest?.Number != draft.BasedOn)
        {
            errors["basedOn"] = [$"该草稿基于第 {draft.BasedOn} 版，其后已发布第 {latest?.Number} 版；请基于最新版本重新起草，以免覆盖其中的修改。"];
        }

        var today = time.CountyToday();
        if (effectiveFrom is not { } from)
        {
            errors["effectiveFrom"] = ["请填写生效日期。"];
        }
        else if (from < today)
        {
            errors["effectiveFrom"] = [$"生效日期不能早于今天（{today:yyyy-MM-dd}）。"];
        }
        else if (latest?.EffectiveFrom is { } current && from <= current)
        {
            errors["effectiveFrom"] = [$"生效日期须晚于第 {latest.Number} 版的生效日期 {current:yyyy-MM-dd}，各版本的施行期不能重叠。"];
        }

        var items = await db.Items.AsNoTracking().Where(i => i.VersionId == draft.Id).ToListAsync(cancellationToken);
        if (!items.Exists(i => !i.Retired))
        {
            errors["items"] = ["清单至少要有一项在用的服务事项。"];
        }

        // Reference data may have changed since an item was written: check every item against today's.
        var context = await store.RulesContextAsync(cancellationToken);
        foreach (var item in items.Where(i => !i.Retired))
        {
            foreach (var (field, messages) in ItemRules.Check(item.Definition, context))
            {
                errors[$"items[{item.Code}].{field}"] = messages;
            }
        }

        return errors;
    }
}
