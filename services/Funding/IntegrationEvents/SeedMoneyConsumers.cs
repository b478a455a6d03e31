using Microsoft.EntityFrameworkCore;
using ReliefPlatform.Contracts.Providers;
using ReliefPlatform.Funding.Infrastructure;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.Inbox;

namespace ReliefPlatform.Funding.IntegrationEvents;

/// <summary>
/// Seed money the hub granted an incubated organisation (培育孵化) is reserved on the general line (no item) of its project in
/// its township, under the grant's reference: FundsCommitted, or FundsRejected when the line has too little or the project is
/// shut. Once per grant: the inbox record commits with the reservation. A grant that comes before finance has opened any such
/// line is not refused but waited for (<see cref="PrerequisiteNotArrivedException"/>: given back to this consumer every half
/// minute until the line exists) — never acknowledged as done with nothing reserved or refused.
/// </summary>
public sealed class IncubationSeedMoneyGrantedConsumer(FundingDbContext db, TimeProvider time, ILogger<IncubationSeedMoneyGrantedConsumer> logger)
    : IdempotentConsumer<IncubationSeedMoneyGranted, FundingDbContext>(db, logger)
{
    protected override async Task HandleAsync(IncubationSeedMoneyGranted message, CancellationToken cancellationToken)
    {
        var lineOpened = await Db.BudgetLines.AsNoTracking().IgnoreQueryFilters().AnyAsync(
            l => l.Year == message.Year && l.ProjectCode == message.ProjectCode && l.TownshipCode == message.TownshipCode && l.ItemCode == "", cancellationToken);
        if (!lineOpened)
        {
            throw new PrerequisiteNotArrivedException("Seed money arrived before its project's budget line in the township was opened; it waits for it.");
        }

        await FundingCommitments.CommitAsync(
            Db, new FundingCommitments.Request(message.Reference, message.Year, message.ProjectCode, message.TownshipCode, "", message.Amount), "incubation", time,
            cancellationToken);
    }
}
