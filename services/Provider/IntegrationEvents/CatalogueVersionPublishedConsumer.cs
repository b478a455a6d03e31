using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Catalogue;
using ReliefPlatform.Provider.Domain.CatalogueItems;
using ReliefPlatform.Provider.Infrastructure;
using ReliefPlatform.Security.Locks;

namespace ReliefPlatform.Provider.IntegrationEvents;

/// <summary>
/// Keeps Provider's copy of each published catalogue version's items. A version's items never change, so a
/// repeated announcement replaces the rows with the same ones — idempotent without an inbox. Two announcements of one
/// version taken at once (the publication and a re-announcement Provider asked for at start) take turns on a lock
/// of that version, so neither trips over the other's rows.
/// </summary>
public sealed class CatalogueVersionPublishedConsumer(ProviderDbContext db) : IConsumer<CatalogueVersionPublished>
{
    public async Task Consume(ConsumeContext<CatalogueVersionPublished> context)
    {
        var message = context.Message;
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await TransactionLocks.HoldAsync(db, "provider.catalogue-version", message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), context.CancellationToken);
        await db.CatalogueItems.Where(i => i.Version == message.Version).ExecuteDeleteAsync(context.CancellationToken);
        db.CatalogueItems.AddRange(message.Items.Select(i =>
            KnownCatalogueItem.Learn(message.Version, message.EffectiveFrom, i.Code, i.ClassCode, i.ProviderKinds, i.Townships)));
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }
}
