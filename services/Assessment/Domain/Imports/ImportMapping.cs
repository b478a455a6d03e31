using System.Collections.Frozen;

namespace ReliefPlatform.Assessment.Domain.Imports;

/// <summary>
/// Which of a file's columns holds which registry field, and how the file's own words become the registry's (类别
/// “低保户” → 低保). The standard mapping knows the platform's column names and the common ones of other bureaus; a saved
/// profile names exactly the columns of one source's files.
/// </summary>
public sealed class ImportMapping
{
    private readonly FrozenDictionary<string, MonitoringField> columns;
    private readonly FrozenDictionary<MonitoringField, FrozenDictionary<string, string>> values;

    private ImportMapping(IReadOnlyDictionary<string, MonitoringField> columns, IReadOnlyDictionary<MonitoringField, IReadOnlyDictionary<string, string>> values)
    {
        this.columns = columns.ToFrozenDictionary(c => HeaderName(c.Key)!, c => c.Value, StringComparer.OrdinalIgnoreCase);
        this.values = values.ToFrozenDictionary(v => v.Key, v => v.Value.ToFrozenDictionary(p => p.Key.Trim(), p => p.Value.Trim()));
    }

    /// <summary>The registry's column names and their common variants; values as the file writes them.</summary>
    public static ImportMapping Standard { get; } = new(MonitoringFields.ByHeader, new Dictionary<MonitoringField, IReadOnlyDictionary<string, string>>());

    public static ImportMapping Of(IReadOnlyDictionary<string, MonitoringField> columns, IReadOnlyDictionary<MonitoringField, IReadOnlyDictionary<string, string>> values) =>
        new(columns, values);

    public MonitoringField? FieldOf(string? header) =>
        HeaderName(header) is { } name && columns.TryGetValue(name, out var field) ? field : null;

    /// <summary>The registry's word for a file's value, where the mapping has one; the value itself otherwise.</summary>
    public string Value(MonitoringField field, string text) =>
        values.TryGetValue(field, out var map) && map.TryGetValue(text.Trim(), out var mapped) ? mapped : text;

    /// <summary>A header as compared: no whitespace, full-width brackets (乡镇(街道) and 乡镇（街道） are one name).</summary>
    public static string? HeaderName(string? header) =>
        string.IsNullOrWhiteSpace(header) ? null : string.Concat(header.Where(ch => !char.IsWhiteSpace(ch))).Replace('(', '（').Replace(')', '）');
}
