namespace ReliefPlatform.AppHost.Operations;

/// <summary>What one service holds of the others' records, read by <see cref="ReconcileCommand"/> from each database.</summary>
internal sealed record CountyFacts(
    IReadOnlyList<HouseholdFact> Households,
    IReadOnlyList<HouseholdFact> Recipients,
    IReadOnlyList<OrderFact> Orders,
    IReadOnlyList<ReservationFact> Reservations);

/// <summary>A household as Assessment registered it, or as Delivery came to know it.</summary>
internal sealed record HouseholdFact(Guid Id, DateTimeOffset At);

/// <param name="Amount">Units × unit price (yuan); free and volunteer work (0) needs no reservation.</param>
/// <param name="LastMoved">When the order last changed state (its newest step).</param>
internal sealed record OrderFact(Guid Id, string Status, decimal Amount, DateTimeOffset LastMoved);

/// <param name="Reference">Funding's reference: the work order id.</param>
internal sealed record ReservationFact(string Reference, string Status, bool Confirmed);

/// <summary>
/// One disagreement between two services: what, the record's id (ids only — never a name or number), which service is
/// behind, and the event its owner sent that would bring that service up to date (null: no event can — a person decides).
/// </summary>
internal sealed record Disagreement(string Kind, string Id, string Behind, EventToReplay? Replay);

/// <summary>An event the owner's outbox should still hold; <see cref="Reconciliation"/> fills in where it was found.</summary>
internal sealed record EventToReplay(string Owner, string Event, string Key);

/// <summary>
/// The cross-service checks after one service's database was restored to an earlier point than the others'. Each
/// compares what two services hold of the same records; a record that moved within the settle time is left out (its
/// events may still be on their way).
/// </summary>
internal static class Reconciliation
{
    public const string FundingBehindOnOrders = "order-without-reservation";
    public const string FundingBehindOnCancellations = "cancelled-order-still-reserved";
    public const string FundingBehindOnConfirmations = "confirmed-order-not-noted";
    public const string DeliveryBehindOnOrders = "reservation-without-order";
    public const string DeliveryBehindOnHouseholds = "household-unknown-to-delivery";
    public const string AssessmentBehindOnHouseholds = "recipient-unknown-to-assessment";

    /// <summary>What each kind means and what to do about it, for the printed report.</summary>
    public static readonly IReadOnlyDictionary<string, string> Meaning = new Dictionary<string, string>
    {
        [FundingBehindOnOrders] = "Delivery has the order, Funding holds no reservation for it: resend Delivery's WorkOrderCreated.",
        [FundingBehindOnCancellations] = "Delivery cancelled the order, Funding still holds its money: resend Delivery's WorkOrderCancelled.",
        [FundingBehindOnConfirmations] = "Delivery's order is confirmed, Funding has not noted it: resend Delivery's ServiceConfirmed.",
        [DeliveryBehindOnOrders] = "Funding holds money for an order Delivery does not have (Delivery lost it): finance checks the order's paper trail and releases the reservation, or the caseworker places the order again.",
        [DeliveryBehindOnHouseholds] = "Assessment registered the household, Delivery does not know it: resend Assessment's HouseholdRegistered / HouseholdsImported.",
        [AssessmentBehindOnHouseholds] = "Delivery serves a household Assessment does not have (Assessment lost it): register it again from the monitoring list or the paper file.",
    };

    private static readonly HashSet<string> Confirmed = ["Confirmed", "Closed"];

    public static List<Disagreement> Compare(CountyFacts facts, DateTimeOffset settledBefore)
    {
        var found = new List<Disagreement>();
        var reservations = facts.Reservations.ToDictionary(r => r.Reference, StringComparer.OrdinalIgnoreCase);
        var orders = facts.Orders.ToDictionary(o => o.Id.ToString());
        foreach (var order in facts.Orders.Where(o => o.Amount > 0 && o.LastMoved < settledBefore))
        {
            var id = order.Id.ToString();
            reservations.TryGetValue(id, out var reservation);
            if (reservation is null && order.Status is not ("Rejected" or "Cancelled"))
            {
                found.Add(new Disagreement(FundingBehindOnOrders, id, "funding", new EventToReplay("delivery", "WorkOrderCreated", id)));
            }
            else if (reservation is { Status: "Committed" } && order.Status == "Cancelled")
            {
                found.Add(new Disagreement(FundingBehindOnCancellations, id, "funding", new EventToReplay("delivery", "WorkOrderCancelled", id)));
            }
            else if (reservation is { Status: "Committed", Confirmed: false } && Confirmed.Contains(order.Status))
            {
                found.Add(new Disagreement(FundingBehindOnConfirmations, id, "funding", new EventToReplay("delivery", "ServiceConfirmed", id)));
            }
        }

        found.AddRange(facts.Reservations
            .Where(r => r.Status == "Committed" && !orders.ContainsKey(r.Reference))
            .Select(r => new Disagreement(DeliveryBehindOnOrders, r.Reference, "delivery", null)));

        var recipients = facts.Recipients.Select(r => r.Id).ToHashSet();
        var households = facts.Households.Select(h => h.Id).ToHashSet();
        found.AddRange(facts.Households.Where(h => h.At < settledBefore && !recipients.Contains(h.Id)).Select(h => h.Id).Order()
            .Select(h => new Disagreement(DeliveryBehindOnHouseholds, h.ToString(), "delivery", new EventToReplay("assessment", "HouseholdRegistered", h.ToString()))));
        found.AddRange(facts.Recipients.Where(r => r.At < settledBefore && !households.Contains(r.Id)).Select(r => r.Id).Order()
            .Select(r => new Disagreement(AssessmentBehindOnHouseholds, r.ToString(), "assessment", null)));
        return found;
    }
}
