using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Delivery.Domain.Contracts;
using ReliefPlatform.Delivery.Infrastructure;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Delivery.IntegrationEvents;

/// <summary>Keeps the awarded contracts Delivery prices and caps work orders by (one row per contract item).</summary>
public sealed class ContractAwardedConsumer(DeliveryDbContext db, ILogger<ContractAwardedConsumer> logger)
    : IdempotentConsumer<ContractAwarded, DeliveryDbContext>(db, logger)
{
    protected override async Task HandleAsync(ContractAwarded m, CancellationToken cancellationToken)
    {
        await Db.Contracts.Where(c => c.ContractId == m.ContractId).ExecuteDeleteAsync(cancellationToken);
        Db.Contracts.AddRange(m.Items.Select(i =>
            KnownContract.Learn(m.ContractId, m.Number, m.Year, m.ProjectCode, m.ProviderId, m.Townships, m.From, m.Until, i.ItemCode, i.UnitPrice, i.QuantityCap)));
    }
}
