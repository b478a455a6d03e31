using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ReliefPlatform.Assessment.Domain.Discovery;
using ReliefPlatform.Assessment.Domain.Households;
using ReliefPlatform.Assessment.Domain.Imports;
using ReliefPlatform.Contracts.Assessments;
using ReliefPlatform.Contracts.Households;
using ReliefPlatform.Messaging.Outbox;
using ReliefPlatform.ServiceDefaults.County;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>What one batch did.</summary>
public sealed record BatchOutcome(bool Stopped, int New, int Changed, int Unchanged, int Rejected, int Alerts);

/// <summary>
/// Applies a batch of monitoring rows to the registry in one transaction — new people and households by binary
/// COPY, changed ones updated with their previous state kept in history, unchanged ones left alone — together with
/// the alerts discovery raises, the events others need (through the outbox), the row errors and the job's progress.
/// Either all of that commits or none of it, so a crash mid-batch leaves the job exactly at its last checkpoint.
/// </summary>
public sealed class ImportBatchWriter(IOptions<DiscoveryOptions> discovery, TimeProvider time)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private sealed record ExistingMember(
        Guid Id, Guid HouseholdId, string? HouseholdRef, string? RowHash, HouseholdCategory Category, bool LivingAlone,
        bool? HasEffectiveGuardian, decimal? MonthlyIncome, decimal? MedicalExpense, int? DisabilityGrade, string[] RiskSignals);

    private sealed record ExistingHousehold(Guid Id, string TownshipCode, string VillageCode, HouseholdCategory Category);

    private sealed record Alert(Guid HouseholdId, Guid SubjectId, string TownshipCode, string VillageCode, string Rule, DateOnly VisitDueOn);

    public async Task<BatchOutcome> WriteAsync(NpgsqlConnection connection, Guid jobId, ImportBatch batch, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var status = await ScalarAsync<string>(connection, "SELECT \"Status\" FROM import_jobs WHERE \"Id\" = $1 FOR UPDATE", cancellationToken, jobId);
        if (status != nameof(ImportJobStatus.Running))
        {
            if (status == nameof(ImportJobStatus.Cancelling))
            {
                await ExecuteAsync(connection, "UPDATE import_jobs SET \"Status\" = 'Cancelled', \"FinishedAt\" = $2, \"LeasedUntil\" = NULL WHERE \"Id\" = $1",
                    cancellationToken, jobId, time.GetUtcNow());
                await transaction.CommitAsync(cancellationToken);
            }

            return new BatchOutcome(true, 0, 0, 0, 0, 0);
        }

        var now = time.GetUtcNow();
        var today = time.CountyToday();
        var errors = new List<RowError>(batch.Errors);
        var rows = Consistent(batch.Rows, errors);

        var members = await ExistingMembersAsync(connection, rows, cancellationToken);
        var households = await ExistingHouseholdsAsync(connection, rows, cancellationToken);

        // A person already registered by hand, whose household has no platform number yet, brings that household along.
        var linked = new Dictionary<Guid, string>();
        foreach (var row in rows)
        {
            if (!households.ContainsKey(row.Row.HouseholdRef) && members.TryGetValue(row.Identity.IdNumberIndex, out var known) && known.HouseholdRef is null
                && !linked.ContainsKey(known.HouseholdId))
            {
                linked[known.HouseholdId] = row.Row.HouseholdRef;
                households[row.Row.HouseholdRef] = new ExistingHousehold(known.HouseholdId, row.Row.TownshipCode, row.Row.VillageCode, known.Category);
            }
        }

        var newHouseholds = new Dictionary<string, (Guid Id, MonitoredRow First, int Members, PreparedRow? Head)>(StringComparer.Ordinal);
        var changedHouseholds = new List<(Guid Id, MonitoredRow Row)>();
        var householdOf = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var r = row.Row;
            if (households.TryGetValue(r.HouseholdRef, out var existing))
            {
                householdOf[r.HouseholdRef] = existing.Id;
                if ((existing.TownshipCode != r.TownshipCode || existing.VillageCode != r.VillageCode || existing.Category != r.Category)
                    && changedHouseholds.TrueForAll(c => c.Id != existing.Id))
                {
                    changedHouseholds.Add((existing.Id, r));
                }
            }
            else if (!newHouseholds.TryGetValue(r.HouseholdRef, out var created))
            {
                var id = Guid.CreateVersion7(now);
                newHouseholds[r.HouseholdRef] = (id, r, 1, r.Relationship == Relationship.Head ? row : null);
                householdOf[r.HouseholdRef] = id;
            }
            else
            {
                newHouseholds[r.HouseholdRef] = created with { Members = created.Members + 1, Head = created.Head ?? (r.Relationship == Relationship.Head ? row : null) };
            }
        }

        var added = new List<(Guid Id, PreparedRow Row)>();
        var changed = new List<(Guid Id, PreparedRow Row, ExistingMember Before)>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            if (!members.TryGetValue(row.Identity.IdNumberIndex, out var before))
            {
                added.Add((Guid.CreateVersion7(now), row));
            }
            else if (before.RowHash == row.RowHash && before.HouseholdId == householdOf[row.Row.HouseholdRef])
            {
                unchanged++;
            }
            else
            {
                changed.Add((before.Id, row, before));
            }
        }

        await LinkHouseholdsAsync(connection, linked, cancellationToken);
        await UpdateHouseholdsAsync(connection, jobId, changedHouseholds, now, cancellationToken);
        await CopyNewHouseholdsAsync(connection, jobId, newHouseholds.Values, now, cancellationToken);
        await CopyNewMembersAsync(connection, jobId, householdOf, added, now, cancellationToken);
        await UpdateMembersAsync(connection, jobId, householdOf, changed, now, cancellationToken);
        await RefreshHouseholdsAsync(connection, householdOf, newHouseholds, added, changed, cancellationToken);

        var alerts = await RaiseAlertsAsync(connection, jobId, householdOf, added, changed, today, now, cancellationToken);
        var events = new List<OutboxMessage>(newHouseholds.Count + alerts.Count);
        events.AddRange(newHouseholds.Values.GroupBy(h => h.First.TownshipCode).Select(township => OutboxMessage.Create(
            new HouseholdsImported(jobId, township.Key, [.. township.Select(h => new ImportedHousehold(h.Id, h.First.VillageCode, h.First.Category.ToString(), h.Members))], now),
            null)));
        events.AddRange(alerts.Select(a => OutboxMessage.Create(
            new DiscoveryAlertRaised(a.Id, a.HouseholdId, a.TownshipCode, a.VillageCode, a.Rule, a.VisitDueOn, now), null)));
        await OutboxBulkWriter.CopyAsync(connection, events, cancellationToken);
        await CopyErrorsAsync(connection, jobId, errors, cancellationToken);
        // A row refused for several reasons has an error for each; it is still one row refused.
        var rejected = errors.Select(e => e.Line).Distinct().Count();

        await ExecuteAsync(connection, """
            UPDATE import_jobs SET "LinesRead" = $2, "BytesRead" = $3, "RowsValid" = "RowsValid" + $4, "RowsRejected" = "RowsRejected" + $5,
              "RowsNew" = "RowsNew" + $6, "RowsChanged" = "RowsChanged" + $7, "RowsUnchanged" = "RowsUnchanged" + $8,
              "AlertsRaised" = "AlertsRaised" + $9, "LeasedUntil" = $10
            WHERE "Id" = $1
            """,
            cancellationToken, jobId, batch.LinesRead, batch.BytesRead, (long)rows.Count, (long)rejected, (long)added.Count, (long)changed.Count,
            (long)unchanged, (long)alerts.Count, now + Lease);
        await transaction.CommitAsync(cancellationToken);
        return new BatchOutcome(false, added.Count, changed.Count, unchanged, rejected, alerts.Count);
    }

    /// <summary>Refuses, with a reason, a person twice in the batch and a household whose rows disagree on where it is or what it is.</summary>
    private static List<PreparedRow> Consistent(List<PreparedRow> rows, List<RowError> errors)
    {
        var people = new Dictionary<string, long>(StringComparer.Ordinal);
        var firstOfHousehold = new Dictionary<string, MonitoredRow>(StringComparer.Ordinal);
        var kept = new List<PreparedRow>(rows.Count);
        foreach (var row in rows)
        {
            var r = row.Row;
            if (people.TryGetValue(row.Identity.IdNumberIndex, out var line))
            {
                errors.Add(new RowError(r.Line, "身份证号", $"同一居民在文件中重复出现（第{line}行已有）。", r.HouseholdRef));
                continue;
            }

            if (firstOfHousehold.TryGetValue(r.HouseholdRef, out var first)
                && (first.TownshipCode != r.TownshipCode || first.VillageCode != r.VillageCode || first.Category != r.Category))
            {
                errors.Add(new RowError(r.Line, "户编号", $"同一户的乡镇、村或类别与第{first.Line}行不一致。", r.HouseholdRef));
                continue;
            }

            firstOfHousehold.TryAdd(r.HouseholdRef, r);
            people[row.Identity.IdNumberIndex] = r.Line;
            kept.Add(row);
        }

        return kept;
    }

    /// <summary>
    /// The batch's people already in the registry. Looked up on members alone (a first import finds none and pays
    /// one index probe per row); their households' platform number and category are fetched only for those found.
    /// </summary>
    private static async Task<Dictionary<string, ExistingMember>> ExistingMembersAsync(NpgsqlConnection connection, List<PreparedRow> rows, CancellationToken cancellationToken)
    {
        var found = new List<(string Index, Guid Id, Guid HouseholdId, string? RowHash, bool LivingAlone, bool? Guardian, decimal? Income, decimal? Medical, int? Grade, string[] Signals)>();
        await using (var command = new NpgsqlCommand("""
            SELECT m."IdNumberIndex", m."Id", m."HouseholdId", m."RowHash", m."LivingAlone", m."HasEffectiveGuardian", m."MonthlyIncome", m."MedicalExpense",
                   m."DisabilityGrade", m."RiskSignals"
            FROM members m WHERE m."IdNumberIndex" = ANY($1)
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = rows.ConvertAll(r => r.Identity.IdNumberIndex).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4),
                    reader.IsDBNull(5) ? null : reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetDecimal(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.GetFieldValue<string[]>(9)));
            }
        }

        var result = new Dictionary<string, ExistingMember>(found.Count, StringComparer.Ordinal);
        if (found.Count == 0)
        {
            return result;
        }

        var households = new Dictionary<Guid, (string? Ref, HouseholdCategory Category)>();
        await using (var command = new NpgsqlCommand("SELECT \"Id\", \"ExternalRef\", \"Category\" FROM households WHERE \"Id\" = ANY($1)", connection))
        {
            command.Parameters.AddWithValue(found.Select(f => f.HouseholdId).Distinct().ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                households[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), Enum.Parse<HouseholdCategory>(reader.GetString(2)));
            }
        }

        foreach (var f in found)
        {
            var household = households[f.HouseholdId];
            result[f.Index] = new ExistingMember(
                f.Id, f.HouseholdId, household.Ref, f.RowHash, household.Category, f.LivingAlone, f.Guardian, f.Income, f.Medical, f.Grade, f.Signals);
        }

        return result;
    }

    private static async Task<Dictionary<string, ExistingHousehold>> ExistingHouseholdsAsync(NpgsqlConnection connection, List<PreparedRow> rows, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ExistingHousehold>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT \"ExternalRef\", \"Id\", \"TownshipCode\", \"VillageCode\", \"Category\" FROM households WHERE \"ExternalRef\" = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Row.HouseholdRef).Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = new ExistingHousehold(reader.GetGuid(1), reader.GetString(2), reader.GetString(3), Enum.Parse<HouseholdCategory>(reader.GetString(4)));
        }

        return result;
    }

    private static Task LinkHouseholdsAsync(NpgsqlConnection connection, Dictionary<Guid, string> linked, CancellationToken cancellationToken) =>
        linked.Count == 0
            ? Task.CompletedTask
            : ExecuteAsync(connection, "UPDATE households h SET \"ExternalRef\" = u.ref FROM unnest($1::uuid[], $2::varchar[]) u(id, ref) WHERE h.\"Id\" = u.id",
                cancellationToken, linked.Keys.ToArray(), linked.Values.ToArray());

    private static async Task UpdateHouseholdsAsync(NpgsqlConnection connection, Guid jobId, List<(Guid Id, MonitoredRow Row)> changed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var ids = changed.ConvertAll(c => c.Id).ToArray();
        await KeepHistoryAsync(connection, "households", jobId, ids, now, cancellationToken);
        var townships = changed.ConvertAll(c => c.Row.TownshipCode).ToArray();
        await ExecuteAsync(connection, """
            UPDATE households h SET "TownshipCode" = u.t, "VillageCode" = u.v, "Category" = u.c
            FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[]) u(id, t, v, c) WHERE h."Id" = u.id
            """,
            cancellationToken, ids, townships, changed.ConvertAll(c => c.Row.VillageCode).ToArray(), changed.ConvertAll(c => c.Row.Category.ToString()).ToArray());
        // A household that moved township takes all its members across the wall with it.
        await ExecuteAsync(connection,
            "UPDATE members m SET \"TownshipCode\" = u.t FROM unnest($1::uuid[], $2::varchar[]) u(id, t) WHERE m.\"HouseholdId\" = u.id AND m.\"TownshipCode\" <> u.t",
            cancellationToken, ids, townships);
    }

    private static async Task CopyNewHouseholdsAsync(
        NpgsqlConnection connection, Guid jobId, IEnumerable<(Guid Id, MonitoredRow First, int Members, PreparedRow? Head)> households, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY households ("Id", "TownshipCode", "VillageCode", "ExternalRef", "Category", "MemberCount", "Status", "RegisteredAt",
                             "DifficultyTypes", "NeedCodes", "HeadMaskedName", "HeadMaskedIdNumber", "ImportJobId") FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var h in households)
        {
            writer.StartRow();
            writer.Write(h.Id, NpgsqlDbType.Uuid);
            writer.Write(h.First.TownshipCode, NpgsqlDbType.Varchar);
            writer.Write(h.First.VillageCode, NpgsqlDbType.Varchar);
            writer.Write(h.First.HouseholdRef, NpgsqlDbType.Varchar);
            writer.Write(h.First.Category.ToString(), NpgsqlDbType.Varchar);
            writer.Write(h.Members, NpgsqlDbType.Integer);
            writer.Write(nameof(HouseholdStatus.Active), NpgsqlDbType.Varchar);
            writer.Write(now.UtcDateTime, NpgsqlDbType.TimestampTz);
            writer.Write(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            WriteOrNull(writer, h.Head?.Identity.MaskedName, NpgsqlDbType.Varchar);
            WriteOrNull(writer, h.Head?.Identity.MaskedIdNumber, NpgsqlDbType.Varchar);
            writer.Write(jobId, NpgsqlDbType.Uuid);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyNewMembersAsync(
        NpgsqlConnection connection, Guid jobId, Dictionary<string, Guid> householdOf, List<(Guid Id, PreparedRow Row)> added, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY members ("Id", "HouseholdId", "TownshipCode", "ProtectedName", "ProtectedIdNumber", "IdNumberIndex", "MaskedName", "MaskedIdNumber",
                          "BirthDate", "IsMale", "Relationship", "DisabilityType", "DisabilityGrade", "ChronicIllness", "LivingAlone", "HasEffectiveGuardian",
                          "MonthlyIncome", "MedicalExpense", "RiskSignals", "Benefits", "EmploymentStatus", "RowHash", "ImportJobId", "UpdatedAt") FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var (id, row) in added)
        {
            var r = row.Row;
            writer.StartRow();
            writer.Write(id, NpgsqlDbType.Uuid);
            writer.Write(householdOf[r.HouseholdRef], NpgsqlDbType.Uuid);
            writer.Write(r.TownshipCode, NpgsqlDbType.Varchar);
            writer.Write(row.Identity.Name, NpgsqlDbType.Varchar);
            writer.Write(row.Identity.IdNumber, NpgsqlDbType.Varchar);
            writer.Write(row.Identity.IdNumberIndex, NpgsqlDbType.Varchar);
            writer.Write(row.Identity.MaskedName, NpgsqlDbType.Varchar);
            writer.Write(row.Identity.MaskedIdNumber, NpgsqlDbType.Varchar);
            writer.Write(r.IdNumber.BirthDate, NpgsqlDbType.Date);
            writer.Write(r.IdNumber.IsMale, NpgsqlDbType.Boolean);
            writer.Write(r.Relationship.ToString(), NpgsqlDbType.Varchar);
            WriteOrNull(writer, r.DisabilityType?.ToString(), NpgsqlDbType.Varchar);
            WriteOrNull(writer, r.DisabilityGrade, NpgsqlDbType.Integer);
            writer.Write(false, NpgsqlDbType.Boolean);
            writer.Write(r.LivingAlone, NpgsqlDbType.Boolean);
            WriteOrNull(writer, r.HasEffectiveGuardian, NpgsqlDbType.Boolean);
            WriteOrNull(writer, r.MonthlyIncome, NpgsqlDbType.Numeric);
            WriteOrNull(writer, r.MedicalExpense, NpgsqlDbType.Numeric);
            writer.Write(r.RiskSignals as string[] ?? [.. r.RiskSignals], NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(r.Benefits?.ToArray() ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text);
            WriteOrNull(writer, r.EmploymentStatus?.ToString(), NpgsqlDbType.Varchar);
            writer.Write(row.RowHash, NpgsqlDbType.Varchar);
            writer.Write(jobId, NpgsqlDbType.Uuid);
            writer.Write(now.UtcDateTime, NpgsqlDbType.TimestampTz);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task UpdateMembersAsync(
        NpgsqlConnection connection, Guid jobId, Dictionary<string, Guid> householdOf, List<(Guid Id, PreparedRow Row, ExistingMember Before)> changed,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        await KeepHistoryAsync(connection, "members", jobId, changed.ConvertAll(c => c.Id).ToArray(), now, cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE member_changes (id uuid, household_id uuid, township varchar, protected_name varchar, masked_name varchar, relationship varchar,
              disability_type varchar, disability_grade int, living_alone boolean, guardian boolean, income numeric, medical numeric, signals text[],
              benefits text[], employment varchar, row_hash varchar) ON COMMIT DROP
            """, cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync("COPY member_changes FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (id, row, _) in changed)
            {
                var r = row.Row;
                writer.StartRow();
                writer.Write(id, NpgsqlDbType.Uuid);
                writer.Write(householdOf[r.HouseholdRef], NpgsqlDbType.Uuid);
                writer.Write(r.TownshipCode, NpgsqlDbType.Varchar);
                writer.Write(row.Identity.Name, NpgsqlDbType.Varchar);
                writer.Write(row.Identity.MaskedName, NpgsqlDbType.Varchar);
                writer.Write(r.Relationship.ToString(), NpgsqlDbType.Varchar);
                WriteOrNull(writer, r.DisabilityType?.ToString(), NpgsqlDbType.Varchar);
                WriteOrNull(writer, r.DisabilityGrade, NpgsqlDbType.Integer);
                writer.Write(r.LivingAlone, NpgsqlDbType.Boolean);
                WriteOrNull(writer, r.HasEffectiveGuardian, NpgsqlDbType.Boolean);
                WriteOrNull(writer, r.MonthlyIncome, NpgsqlDbType.Numeric);
                WriteOrNull(writer, r.MedicalExpense, NpgsqlDbType.Numeric);
                writer.Write(r.RiskSignals as string[] ?? [.. r.RiskSignals], NpgsqlDbType.Array | NpgsqlDbType.Text);
                WriteOrNull(writer, r.Benefits?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                WriteOrNull(writer, r.EmploymentStatus?.ToString(), NpgsqlDbType.Varchar);
                writer.Write(row.RowHash, NpgsqlDbType.Varchar);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, """
            UPDATE members m SET "HouseholdId" = c.household_id, "TownshipCode" = c.township, "ProtectedName" = c.protected_name, "MaskedName" = c.masked_name,
              "Relationship" = c.relationship, "DisabilityType" = c.disability_type, "DisabilityGrade" = c.disability_grade, "LivingAlone" = c.living_alone,
              "HasEffectiveGuardian" = c.guardian, "MonthlyIncome" = c.income, "MedicalExpense" = c.medical, "RiskSignals" = c.signals,
              "Benefits" = COALESCE(c.benefits, m."Benefits"), "EmploymentStatus" = COALESCE(c.employment, m."EmploymentStatus"),
              "RowHash" = c.row_hash, "UpdatedAt" = $1
            FROM member_changes c WHERE m."Id" = c.id
            """, cancellationToken, now);
    }

    /// <summary>Member counts and heads of households that existed before this batch and gained or changed members.</summary>
    private static async Task RefreshHouseholdsAsync(
        NpgsqlConnection connection, Dictionary<string, Guid> householdOf, Dictionary<string, (Guid Id, MonitoredRow First, int Members, PreparedRow? Head)> created,
        List<(Guid Id, PreparedRow Row)> added, List<(Guid Id, PreparedRow Row, ExistingMember Before)> changed, CancellationToken cancellationToken)
    {
        var touched = added.Select(a => a.Row).Concat(changed.Select(c => c.Row)).Where(r => !created.ContainsKey(r.Row.HouseholdRef)).ToList();
        if (touched.Count == 0)
        {
            return;
        }

        var heads = touched.Where(r => r.Row.Relationship == Relationship.Head).ToList();
        await ExecuteAsync(connection, """
            UPDATE households h SET "MemberCount" = GREATEST(h."MemberCount", c.n)
            FROM (SELECT "HouseholdId", count(*)::int AS n FROM members WHERE "HouseholdId" = ANY($1) GROUP BY 1) c WHERE h."Id" = c."HouseholdId"
            """,
            cancellationToken, touched.Select(r => householdOf[r.Row.HouseholdRef]).Distinct().ToArray());
        if (heads.Count > 0)
        {
            await ExecuteAsync(connection,
                "UPDATE households h SET \"HeadMaskedName\" = u.n, \"HeadMaskedIdNumber\" = u.i FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) u(id, n, i) WHERE h.\"Id\" = u.id",
                cancellationToken, heads.ConvertAll(h => householdOf[h.Row.HouseholdRef]).ToArray(), heads.ConvertAll(h => h.Identity.MaskedName).ToArray(),
                heads.ConvertAll(h => h.Identity.MaskedIdNumber).ToArray());
        }
    }

    private async Task<List<(Guid Id, Guid HouseholdId, string TownshipCode, string VillageCode, string Rule, DateOnly VisitDueOn)>> RaiseAlertsAsync(
        NpgsqlConnection connection, Guid jobId, Dictionary<string, Guid> householdOf, List<(Guid Id, PreparedRow Row)> added,
        List<(Guid Id, PreparedRow Row, ExistingMember Before)> changed, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = discovery.Value;
        var candidates = new List<Alert>();
        void Evaluate(Guid memberId, MonitoredRow r, PersonFacts? before)
        {
            var facts = new PersonFacts(
                r.IdNumber.AgeOn(today), r.Category, r.LivingAlone, r.HasEffectiveGuardian, r.MonthlyIncome, r.MedicalExpense, r.DisabilityGrade, r.RiskSignals);
            foreach (var rule in DiscoveryRules.Evaluate(facts, before, options))
            {
                var household = householdOf[r.HouseholdRef];
                var subject = rule == DiscoveryRules.CategoryChanged ? household : memberId;
                candidates.Add(new Alert(household, subject, r.TownshipCode, r.VillageCode, rule, today.AddDays(DiscoveryRules.VisitDays(rule, options))));
            }
        }

        foreach (var (id, row) in added)
        {
            Evaluate(id, row.Row, null);
        }

        foreach (var (id, row, before) in changed)
        {
            Evaluate(id, row.Row, new PersonFacts(
                row.Row.IdNumber.AgeOn(today), before.Category, before.LivingAlone, before.HasEffectiveGuardian,
                before.MonthlyIncome, before.MedicalExpense, before.DisabilityGrade, before.RiskSignals));
        }

        var raised = new List<(Guid, Guid, string, string, string, DateOnly)>();
        if (candidates.Count == 0)
        {
            return raised;
        }

        candidates = candidates.DistinctBy(c => (c.SubjectId, c.Rule)).ToList();
        await using var command = new NpgsqlCommand("""
            INSERT INTO discovery_alerts ("Id", "HouseholdId", "SubjectId", "TownshipCode", "VillageCode", "Rule", "RaisedAt", "VisitDueOn", "ImportJobId", "Status")
            SELECT u.id, u.household, u.subject, u.township, u.village, u.rule, $7, u.due, $8, 'Open'
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $9::date[]) u(id, household, subject, township, village, rule, due)
            ON CONFLICT ("SubjectId", "Rule") WHERE "Status" = 'Open' DO NOTHING
            RETURNING "Id", "HouseholdId", "TownshipCode", "VillageCode", "Rule", "VisitDueOn"
            """, connection);
        command.Parameters.AddWithValue(candidates.ConvertAll(_ => Guid.CreateVersion7(now)).ToArray());
        command.Parameters.AddWithValue(candidates.ConvertAll(c => c.HouseholdId).ToArray());
        command.Parameters.AddWithValue(candidates.ConvertAll(c => c.SubjectId).ToArray());
        command.Parameters.AddWithValue(candidates.ConvertAll(c => c.TownshipCode).ToArray());
        command.Parameters.AddWithValue(candidates.ConvertAll(c => c.VillageCode).ToArray());
        command.Parameters.AddWithValue(candidates.ConvertAll(c => c.Rule).ToArray());
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(candidates.ConvertAll(c => c.VisitDueOn).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            raised.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateOnly>(5)));
        }

        return raised;
    }

    private static async Task CopyErrorsAsync(NpgsqlConnection connection, Guid jobId, List<RowError> errors, CancellationToken cancellationToken)
    {
        if (errors.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY import_row_errors (\"JobId\", \"Line\", \"HouseholdRef\", \"Field\", \"Message\") FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var error in errors)
        {
            writer.StartRow();
            writer.Write(jobId, NpgsqlDbType.Uuid);
            writer.Write(error.Line, NpgsqlDbType.Bigint);
            WriteOrNull(writer, error.HouseholdRef is { Length: <= MonitoringRowParser.MaxHouseholdRefLength } reference ? reference : null, NpgsqlDbType.Varchar);
            writer.Write(error.Field, NpgsqlDbType.Varchar);
            writer.Write(error.Message.Length > 300 ? error.Message[..300] : error.Message, NpgsqlDbType.Varchar);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static Task KeepHistoryAsync(NpgsqlConnection connection, string table, Guid jobId, Guid[] ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"""
            INSERT INTO record_history ("TableName", "RecordId", "ImportJobId", "ChangedAt", "Previous")
            SELECT '{table}', t."Id", $1, $2, to_jsonb(t) FROM {table} t WHERE t."Id" = ANY($3)
            """, cancellationToken, jobId, now, ids);

    private static void WriteOrNull<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, type);
        }
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is T value ? value : default;
    }

    /// <summary>A command with positional parameters ($1, $2 …) in the order given.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return command;
    }
}
