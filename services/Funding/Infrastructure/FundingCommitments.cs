using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ReliefPlatform.Contracts.Funding;
using ReliefPlatform.Funding.Domain.Ledger;
using ReliefPlatform.Funding.Domain.Supervision;
using ReliefPlatform.Messaging.Outbox;

namespace ReliefPlatform.Funding.Infrastructure;

/// <summary>
/// Reserving, releasing and spending money for a piece of work, shared by the API and the consumers of
/// Delivery's events. Each is idempotent on the work's reference: a repeated request or a redelivered event finds
/// the commitment and changes nothing.
/// </summary>
public static class FundingCommitments
{
    public enum Outcome
    {
        Committed,
        AlreadyCommitted,
        DifferentAmount,
        Rejected,
        Settled,
        AlreadySettled,
        NotFound,
        Insufficient,

        /// <summary>The work was cancelled before its reservation was asked for: nothing is reserved.</summary>
        Withdrawn,

        /// <summary>The purchase project failed its acceptance or is closed: no new money is reserved under it.</summary>
        ProjectShut,
    }

    public sealed record Request(string Reference, int Year, string ProjectCode, string TownshipCode, string ItemCode, decimal Amount);

    /// <summary>
    /// Reserves on the item's own line first, then the project's general line, by source order; FundsCommitted or FundsRejected
    /// either way. Nothing is reserved under a project that failed its acceptance or is closed (<c>project-shut</c>).
    /// <paramref name="refusal"/>, when given, is recorded with the refusal (the supervision fact of an order refused its money).
    /// </summary>
    public static async Task<(Outcome Outcome, Commitment? Commitment)> CommitAsync(
        FundingDbContext db, Request request, string by, TimeProvider time, CancellationToken cancellationToken, SupervisionFact? refusal = null)
    {
        if (await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Reference == request.Reference, cancellationToken) is { } existing)
        {
            return (Existing(existing, request.Amount), existing);
        }

        if (await ProjectGate.IsShutAsync(db, request.Year, request.ProjectCode, cancellationToken))
        {
            await RefuseAsync(db, request, "project-shut", refusal, time, cancellationToken);
            return (Outcome.ProjectShut, null);
        }

        var candidates = await CandidateLinesAsync(db, request, cancellationToken);
        foreach (var line in candidates)
        {
            await using var attempt = await Attempt.BeginAsync(db, cancellationToken);
            var commitment = Commitment.Reserve(request.Reference, line, request.Amount, time.GetUtcNow());
            db.Commitments.Add(commitment);
            try
            {
                if (await FundingLedger.PostAsync(db, Postings.Commitment(line, request.Amount), MovementKind.Commitment, request.Reference, by, time, cancellationToken))
                {
                    db.AddIntegrationEvent(new FundsCommitted(request.Reference, line, request.Amount, time.GetUtcNow()));
                    await db.SaveChangesAsync(cancellationToken);
                    await attempt.KeepAsync(cancellationToken);
                    return (Outcome.Committed, commitment);
                }
            }
            catch (DbUpdateException)
            {
                // The same reference was reserved concurrently: that reservation stands.
                await attempt.UndoAsync(cancellationToken);
                db.ChangeTracker.Clear();
                var concurrent = await db.Commitments.AsNoTracking().FirstAsync(c => c.Reference == request.Reference, cancellationToken);
                return (Existing(concurrent, request.Amount), concurrent);
            }

            await attempt.UndoAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await RefuseAsync(db, request, candidates.Count == 0 ? "no-budget-line" : "insufficient-funds", refusal, time, cancellationToken);
        return (Outcome.Rejected, null);
    }

    /// <summary>
    /// One line's try at a reservation: a transaction of its own, or — inside a caller's transaction (a consumer's inbox,
    /// whose record must commit with the effect) — a savepoint of it, so a line that refuses is undone without the rest.
    /// </summary>
    private sealed class Attempt : IAsyncDisposable
    {
        private const string Savepoint = "funding_commitment";
        private readonly IDbContextTransaction? _own;
        private readonly IDbContextTransaction? _outer;
        private bool _open = true;

        private Attempt(IDbContextTransaction? own, IDbContextTransaction? outer) => (_own, _outer) = (own, outer);

        public static async Task<Attempt> BeginAsync(FundingDbContext db, CancellationToken cancellationToken)
        {
            if (db.Database.CurrentTransaction is { } outer)
            {
                await outer.CreateSavepointAsync(Savepoint, cancellationToken);
                return new Attempt(null, outer);
            }

            return new Attempt(await db.Database.BeginTransactionAsync(cancellationToken), null);
        }

        public async Task KeepAsync(CancellationToken cancellationToken)
        {
            _open = false;
            if (_own is not null)
            {
                await _own.CommitAsync(cancellationToken);
            }
            else
            {
                await _outer!.ReleaseSavepointAsync(Savepoint, cancellationToken);
            }
        }

        public async Task UndoAsync(CancellationToken cancellationToken)
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            if (_own is not null)
            {
                await _own.RollbackAsync(cancellationToken);
            }
            else
            {
                await _outer!.RollbackToSavepointAsync(Savepoint, cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_own is not null)
            {
                await _own.DisposeAsync();
            }
        }
    }

    /// <summary>The lines that may pay for the work: the item's own first, then the project's general line, by source order.</summary>
    private static async Task<List<Guid>> CandidateLinesAsync(FundingDbContext db, Request request, CancellationToken cancellationToken) =>
        [.. (await db.BudgetLines.AsNoTracking().IgnoreQueryFilters()
                .Where(l => l.Year == request.Year && l.ProjectCode == request.ProjectCode && l.TownshipCode == request.TownshipCode
                    && (l.ItemCode == request.ItemCode || l.ItemCode == ""))
                .Join(db.FundingSourceTypes, l => l.SourceType, s => s.Code, (l, s) => new { l.Id, l.ItemCode, s.SortOrder })
                .ToListAsync(cancellationToken))
            .OrderBy(c => c.ItemCode == request.ItemCode ? 0 : 1).ThenBy(c => c.SortOrder).Select(c => c.Id)];

    /// <summary>
    /// Records the spend of a service migrated from the county's records (paid before the platform): a past-dated expenditure
    /// on the first line that has the money — never reserved, marked migrated — and its <paramref name="paid"/> fact, so the
    /// month it happened counts it. Spent once per reference: a redelivered event changes nothing. <see cref="Outcome.Rejected"/>
    /// when no line of the project in the township has the money (finance must allocate it; the caller retries).
    /// </summary>
    public static async Task<Outcome> SpendMigratedAsync(
        FundingDbContext db, Request request, SupervisionFact paid, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Commitments.AsNoTracking().AnyAsync(c => c.Reference == request.Reference, cancellationToken))
        {
            return Outcome.AlreadySettled;
        }

        foreach (var line in await CandidateLinesAsync(db, request, cancellationToken))
        {
            await using var attempt = await Attempt.BeginAsync(db, cancellationToken);
            db.Commitments.Add(Commitment.SpentBefore(request.Reference, line, request.Amount, paid.At));
            try
            {
                if (await FundingLedger.PostAsync(db, Postings.MigratedSpending(line, request.Amount), MovementKind.MigratedSpending, request.Reference, "migration", time,
                        cancellationToken))
                {
                    db.SupervisionFacts.Add(paid);
                    await db.SaveChangesAsync(cancellationToken);
                    await attempt.KeepAsync(cancellationToken);
                    return Outcome.Settled;
                }
            }
            catch (DbUpdateException)
            {
                // Spent concurrently by a redelivery: that spend stands.
                await attempt.UndoAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return Outcome.AlreadySettled;
            }

            await attempt.UndoAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return Outcome.Rejected;
    }

    private static async Task RefuseAsync(
        FundingDbContext db, Request request, string reason, SupervisionFact? refusal, TimeProvider time, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(new FundsRejected(request.Reference, request.Amount, reason, time.GetUtcNow()));
        // A redelivered order is refused again; its fact is recorded once.
        if (refusal is not null && !await db.SupervisionFacts.AnyAsync(f => f.Kind == refusal.Kind && f.SubjectId == refusal.SubjectId, cancellationToken))
        {
            db.SupervisionFacts.Add(refusal);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static Outcome Existing(Commitment existing, decimal amount) =>
        existing.Status == CommitmentStatus.Withdrawn ? Outcome.Withdrawn
        : existing.Amount == amount ? Outcome.AlreadyCommitted
        : Outcome.DifferentAmount;

    /// <summary>
    /// Releases the reservation of cancelled work — or, when the cancellation arrives before the reservation was asked
    /// for, records the work as withdrawn so that the reservation, when it comes, is refused instead of holding money forever.
    /// A reservation made concurrently fails the save, and the caller's retry then releases it.
    /// </summary>
    public static async Task<Outcome> CancelAsync(FundingDbContext db, string reference, string by, TimeProvider time, CancellationToken cancellationToken)
    {
        var (outcome, _) = await ReleaseAsync(db, reference, by, time, cancellationToken);
        if (outcome != Outcome.NotFound)
        {
            return outcome;
        }

        db.ChangeTracker.Clear();
        db.Commitments.Add(Commitment.Withdrawn(reference, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Withdrawn;
    }

    /// <summary>Notes the confirmed amount on the work's reservation (it is spent when the provider's statement is paid); NotFound when none is made yet.</summary>
    public static async Task<Outcome> ConfirmAsync(FundingDbContext db, string reference, decimal actual, TimeProvider time, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Reference == reference, cancellationToken);
        if (commitment is null)
        {
            return Outcome.NotFound;
        }

        commitment.Confirm(actual, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Confirmed or settled by a concurrent redelivery a moment ago.
        }

        return Outcome.Settled;
    }

    public static Task<(Outcome Outcome, Commitment? Commitment)> ReleaseAsync(
        FundingDbContext db, string reference, string by, TimeProvider time, CancellationToken cancellationToken) =>
        SettleAsync(db, reference, MovementKind.Release, commitment =>
        {
            commitment.Release(time.GetUtcNow());
            return Postings.Release(commitment.BudgetLineId, commitment.Amount);
        }, by, time, cancellationToken);

    public static Task<(Outcome Outcome, Commitment? Commitment)> SpendAsync(
        FundingDbContext db, string reference, decimal actual, string by, TimeProvider time, CancellationToken cancellationToken) =>
        SettleAsync(db, reference, MovementKind.Spending, commitment =>
        {
            commitment.Spend(actual, time.GetUtcNow());
            return Postings.Spending(commitment.BudgetLineId, commitment.Amount, actual);
        }, by, time, cancellationToken);

    private static async Task<(Outcome Outcome, Commitment? Commitment)> SettleAsync(
        FundingDbContext db, string reference, MovementKind kind, Func<Commitment, IReadOnlyList<Posting>> settle, string by, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Reference == reference, cancellationToken);
        if (commitment is null)
        {
            return (Outcome.NotFound, null);
        }

        if (commitment.Status != CommitmentStatus.Committed)
        {
            return (Outcome.AlreadySettled, commitment);
        }

        try
        {
            if (!await FundingLedger.PostAsync(db, settle(commitment), kind, reference, by, time, cancellationToken))
            {
                return (Outcome.Insufficient, commitment);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Settled by a concurrent request or redelivery a moment ago.
            return (Outcome.AlreadySettled, commitment);
        }

        return (Outcome.Settled, commitment);
    }
}
