namespace ReliefPlatform.Delivery.Domain.Contracts;

/// <summary>
/// A purchase contract as Delivery learned it from ContractAwarded: which provider may be paid for which item, at
/// what unit price, up to how many units, in which townships and when.
/// </summary>
public sealed class KnownContract
{
    private KnownContract()
    {
    }

    public Guid ContractId { get; private set; }

    public string ItemCode { get; private set; } = "";

    public string Number { get; private set; } = "";

    public int Year { get; private set; }

    public string ProjectCode { get; private set; } = "";

    public string ProviderId { get; private set; } = "";

    public string[] Townships { get; private set; } = [];

    public DateOnly From { get; private set; }

    public DateOnly Until { get; private set; }

    public decimal UnitPrice { get; private set; }

    public int QuantityCap { get; private set; }

    public static KnownContract Learn(
        Guid contractId, string number, int year, string projectCode, string providerId, IEnumerable<string> townships, DateOnly from, DateOnly until,
        string itemCode, decimal unitPrice, int quantityCap) => new()
    {
        ContractId = contractId,
        Number = number,
        Year = year,
        ProjectCode = projectCode,
        ProviderId = providerId,
        Townships = [.. townships],
        From = from,
        Until = until,
        ItemCode = itemCode,
        UnitPrice = unitPrice,
        QuantityCap = quantityCap,
    };

    public bool Covers(string providerId, string itemCode, string township, DateOnly day) =>
        ProviderId == providerId && ItemCode == itemCode && Townships.Contains(township) && From <= day && day <= Until;
}
