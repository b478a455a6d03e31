using System.Globalization;
using System.Text;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Security.PersonalData;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>A checked row, its identity already encrypted and indexed, and its keyed fingerprint.</summary>
public sealed record PreparedRow(MonitoredRow Row, ProtectedIdentity Identity, string RowHash)
{
    public const string RowHashPurpose = "import.row";

    public static PreparedRow Prepare(MonitoredRow row, PersonalDataProtector protector)
    {
        var identity = ProtectedIdentity.Protect(protector, row.Name, row.IdNumber);
        var text = new StringBuilder(160)
            .Append(row.HouseholdRef).Append('|').Append(row.TownshipCode).Append('|').Append(row.VillageCode).Append('|')
            .Append(row.Category).Append('|').Append(row.Name).Append('|').Append(row.IdNumber.Reveal()).Append('|').Append(row.Relationship).Append('|')
            .Append(row.MonthlyIncome?.ToString(CultureInfo.InvariantCulture)).Append('|').Append(row.MedicalExpense?.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(row.DisabilityType).Append('|').Append(row.DisabilityGrade).Append('|').Append(row.LivingAlone).Append('|')
            .Append(row.HasEffectiveGuardian).Append('|').AppendJoin(';', row.RiskSignals);
        if (row.Benefits is { } benefits)
        {
            // Only a file with the column adds it, so files without it keep their rows' fingerprints.
            text.Append('|').AppendJoin(';', benefits);
        }

        if (row.EmploymentStatus is { } employment)
        {
            // Likewise only a row that gives one: rows without it keep their fingerprints.
            text.Append("|e:").Append(employment);
        }

        return new PreparedRow(row, identity, protector.BlindIndex(text.ToString(), RowHashPurpose));
    }
}

/// <summary>A batch of a file, written in one transaction: its valid rows, its refused rows, and where it ends.</summary>
public sealed record ImportBatch(List<PreparedRow> Rows, List<RowError> Errors, long LinesRead, long BytesRead);
