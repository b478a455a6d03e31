namespace ReliefPlatform.Funding.Domain.Donations;

public enum DonorKind
{
    /// <summary>个人: the name is personal data — kept encrypted, shown masked.</summary>
    Person,

    /// <summary>单位</summary>
    Organisation,
}

/// <summary>
/// A donation (社会捐赠) received by the county: who gave (a person's name encrypted), how much, what it may be spent
/// on (an item and/or a township, or anything), and the numbered receipt issued for it. The money reaches a
/// budget line of the 社会捐赠 source through an allocation a second person approves.
/// </summary>
public sealed class Donation
{
    private Donation()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>捐赠收据号, e.g. HSJZ-2026-000001: numbered without gaps within the year.</summary>
    public string ReceiptNumber { get; private set; } = "";

    public int Year { get; private set; }

    public DonorKind DonorKind { get; private set; }

    /// <summary>The donor's name: encrypted for a person, plain for an organisation.</summary>
    public string DonorName { get; private set; } = "";

    public decimal Amount { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    /// <summary>Restricted to this item ("" = any item).</summary>
    public string RestrictedItem { get; private set; } = "";

    /// <summary>Restricted to this township ("" = any township).</summary>
    public string RestrictedTownship { get; private set; } = "";

    public string ProjectCode { get; private set; } = "";

    /// <summary>The township the money is put on (the restriction's, or the one chosen when unrestricted).</summary>
    public string TownshipCode { get; private set; } = "";

    public string Purpose { get; private set; } = "";

    public Guid AllocationRequestId { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static string Receipt(int year, int number) => $"HSJZ-{year}-{number:D6}";

    public static Donation Receive(
        string receiptNumber, int year, DonorKind donorKind, string donorName, decimal amount, DateOnly receivedOn, string restrictedItem,
        string restrictedTownship, string projectCode, string townshipCode, string purpose, Guid allocationRequestId, string by, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            ReceiptNumber = receiptNumber,
            Year = year,
            DonorKind = donorKind,
            DonorName = donorName,
            Amount = amount,
            ReceivedOn = receivedOn,
            RestrictedItem = restrictedItem,
            RestrictedTownship = restrictedTownship,
            ProjectCode = projectCode,
            TownshipCode = townshipCode,
            Purpose = purpose,
            AllocationRequestId = allocationRequestId,
            RecordedBy = by,
            RecordedAt = at,
        };
}

/// <summary>The last receipt number issued in a year.</summary>
public sealed class ReceiptCounter
{
    public int Year { get; set; }

    public int Last { get; set; }
}
