namespace ReliefPlatform.Contracts.Providers;

/// <summary>
/// The hub granted seed money (种子资金) to an organisation or project it incubates (培育孵化): Funding reserves
/// <see cref="Amount"/> yuan on the general line of the project <see cref="ProjectCode"/> of <see cref="Year"/> in
/// <see cref="TownshipCode"/>, under <see cref="Reference"/> (<c>incubation-…</c>, the grant's own), and answers with
/// FundsCommitted or FundsRejected. Ids, codes and the amount only.
/// </summary>
public sealed record IncubationSeedMoneyGranted(
    string Reference, Guid IncubationId, Guid SupportId, int Year, string ProjectCode, string TownshipCode, decimal Amount, DateTimeOffset OccurredAt) : IIntegrationEvent;
