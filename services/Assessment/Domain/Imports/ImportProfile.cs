using System.Text.Json;

namespace ReliefPlatform.Assessment.Domain.Imports;

/// <summary>
/// A saved column mapping for one source's files (省监测平台导出·2026版, 残联名单): which header names hold which registry
/// field and how its values read. Saving a profile under a name it already has makes a new version; the old one is kept,
/// superseded, so an import always shows the very mapping it was read with.
/// </summary>
public sealed class ImportProfile
{
    public const int MaxNameLength = 60;

    private ImportProfile()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public int Version { get; private set; }

    /// <summary>Header name → field (its JSON name), as JSON.</summary>
    public string Columns { get; private set; } = "{}";

    /// <summary>Field (its JSON name) → the file's value → the registry's, as JSON.</summary>
    public string Values { get; private set; } = "{}";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public static ImportProfile Save(
        Guid id, string name, int version, IReadOnlyDictionary<string, MonitoringField> columns,
        IReadOnlyDictionary<MonitoringField, IReadOnlyDictionary<string, string>> values, string createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        Name = name.Trim(),
        Version = version,
        Columns = JsonSerializer.Serialize(columns.ToDictionary(c => c.Key, c => c.Value.JsonName())),
        Values = JsonSerializer.Serialize(values.Where(v => v.Value.Count > 0).ToDictionary(v => v.Key.JsonName(), v => v.Value)),
        CreatedBy = createdBy,
        CreatedAt = now,
    };

    public void Supersede(DateTimeOffset now) => SupersededAt ??= now;

    public IReadOnlyDictionary<string, MonitoringField> ColumnFields() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Columns)!.ToDictionary(c => c.Key, c => MonitoringFields.ByHeader[c.Value]);

    public IReadOnlyDictionary<MonitoringField, IReadOnlyDictionary<string, string>> ValueMaps() =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(Values)!
            .ToDictionary(v => MonitoringFields.ByHeader[v.Key], v => (IReadOnlyDictionary<string, string>)v.Value);

    public ImportMapping Mapping() => ImportMapping.Of(ColumnFields(), ValueMaps());
}
