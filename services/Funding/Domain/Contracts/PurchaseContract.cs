namespace ReliefPlatform.Funding.Domain.Contracts;

/// <summary>
/// A government purchase-of-services contract (政府购买服务合同) under a purchase project: one provider, the items it
/// delivers at agreed unit prices with quantity caps, the townships it serves and the period. Delivery matches
/// work orders against it (ContractAwarded).
/// </summary>
public sealed class PurchaseContract
{
    private readonly List<ContractItem> _items = [];

    private PurchaseContract()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The contract number as signed (合同编号), unique.</summary>
    public string Number { get; private set; } = "";

    public int Year { get; private set; }

    public string ProjectCode { get; private set; } = "";

    public string ProviderId { get; private set; } = "";

    public string[] Townships { get; private set; } = [];

    public DateOnly From { get; private set; }

    public DateOnly Until { get; private set; }

    public string AwardedBy { get; private set; } = "";

    public DateTimeOffset AwardedAt { get; private set; }

    public IReadOnlyList<ContractItem> Items => _items;

    public decimal CeilingAmount => _items.Sum(i => i.UnitPrice * i.QuantityCap);

    public static PurchaseContract Award(
        string number, int year, string projectCode, string providerId, IEnumerable<string> townships, DateOnly from, DateOnly until,
        IEnumerable<(string ItemCode, decimal UnitPrice, int QuantityCap)> items, string by, DateTimeOffset at)
    {
        var contract = new PurchaseContract
        {
            Id = Guid.CreateVersion7(at),
            Number = number,
            Year = year,
            ProjectCode = projectCode,
            ProviderId = providerId,
            Townships = [.. townships.Distinct().Order(StringComparer.Ordinal)],
            From = from,
            Until = until,
            AwardedBy = by,
            AwardedAt = at,
        };
        contract._items.AddRange(items.Select(i => ContractItem.Of(contract.Id, i.ItemCode, i.UnitPrice, i.QuantityCap)));
        return contract;
    }
}

/// <summary>An item of a contract: its unit price (yuan, to the fen) and the most units the contract pays for.</summary>
public sealed class ContractItem
{
    private ContractItem()
    {
    }

    public Guid ContractId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public decimal UnitPrice { get; private set; }

    public int QuantityCap { get; private set; }

    internal static ContractItem Of(Guid contractId, string itemCode, decimal unitPrice, int quantityCap) =>
        new() { ContractId = contractId, ItemCode = itemCode, UnitPrice = unitPrice, QuantityCap = quantityCap };
}
