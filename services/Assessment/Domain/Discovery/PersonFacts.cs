using ReliefPlatform.Assessment.Domain.Households;

namespace ReliefPlatform.Assessment.Domain.Discovery;

/// <summary>What discovery rules look at about a person: registry facts and monitored signals.</summary>
public sealed record PersonFacts(
    int Age,
    HouseholdCategory Category,
    bool LivingAlone,
    bool? HasEffectiveGuardian,
    decimal? MonthlyIncome,
    decimal? MedicalExpense,
    int? DisabilityGrade,
    IReadOnlyList<string> RiskSignals);
