namespace ReliefPlatform.Contracts.Funding;

/// <summary>A purchase-of-services contract was awarded: provider, items at unit prices with caps, townships and period (county dates).</summary>
public sealed record ContractAwarded(
    Guid ContractId,
    string Number,
    int Year,
    string ProjectCode,
    string ProviderId,
    IReadOnlyList<ContractedItem> Items,
    IReadOnlyList<string> Townships,
    DateOnly From,
    DateOnly Until,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

public sealed record ContractedItem(string ItemCode, decimal UnitPrice, int QuantityCap);
