using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Domain.Imports;

/// <summary>
/// One person of the dynamic-monitoring platform's file (低收入人口动态监测), every field checked: the household
/// they belong to (by the platform's household number), who they are, and the signals the platform reports.
/// </summary>
/// <param name="EmploymentStatus">The person's employment status, when the file gives one; null leaves what the registry recorded.</param>
/// <param name="Benefits">The existing policies the person receives (policy codes), when the file has the column; null when it has not, so a file without it leaves what the registry recorded.</param>
public sealed record MonitoredRow(
    long Line,
    string HouseholdRef,
    string TownshipCode,
    string VillageCode,
    HouseholdCategory Category,
    string Name,
    IdNumber IdNumber,
    Relationship Relationship,
    decimal? MonthlyIncome,
    decimal? MedicalExpense,
    DisabilityType? DisabilityType,
    int? DisabilityGrade,
    bool LivingAlone,
    bool? HasEffectiveGuardian,
    IReadOnlyList<string> RiskSignals,
    IReadOnlyList<string>? Benefits = null,
    EmploymentStatus? EmploymentStatus = null);

/// <summary>A refused row: where, which field, and why (zh-CN). Never the refused value itself, which may be personal data.</summary>
public sealed record RowError(long Line, string Field, string Message, string? HouseholdRef);
