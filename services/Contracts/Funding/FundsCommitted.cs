namespace ReliefPlatform.Contracts.Funding;

/// <summary>Money is reserved for a piece of work (the reference, e.g. a work order id) on a budget line, in yuan.</summary>
public sealed record FundsCommitted(string Reference, Guid BudgetLineId, decimal Amount, DateTimeOffset OccurredAt) : IIntegrationEvent;
