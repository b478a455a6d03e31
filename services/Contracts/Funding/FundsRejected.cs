namespace ReliefPlatform.Contracts.Funding;

/// <summary>No budget line could reserve the amount for the work; <see cref="Reason"/> is a code (<c>no-budget-line</c>, <c>insufficient-funds</c>).</summary>
public sealed record FundsRejected(string Reference, decimal Amount, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;
