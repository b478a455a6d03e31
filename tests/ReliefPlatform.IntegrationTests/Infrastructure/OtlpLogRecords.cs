using System.Text;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// One exported log record: which service (and which of its replicas: <c>service.instance.id</c>), which logger
/// (category), how severe, when, and what it said.
/// </summary>
public sealed record OtlpLogRecord(
    string Service,
    string Category,
    int Severity,
    DateTimeOffset Time,
    string Body,
    IReadOnlyDictionary<string, string> Attributes,
    string Instance = "")
{
    /// <summary>OTLP severity numbers: 17–20 error, 21–24 fatal (Microsoft.Extensions.Logging Error and Critical).</summary>
    public bool IsErrorOrWorse => Severity >= 17;

    /// <summary>The message and every string attribute (exception type, message and stack trace included).</summary>
    public string AllText => string.Join('\n', Attributes.Values.Prepend(Body));
}

/// <summary>
/// Reads the OTLP/HTTP protobuf log exports the <see cref="TelemetryReceiver"/> kept (ExportLogsServiceRequest →
/// ResourceLogs → ScopeLogs → LogRecord): just the fields the tests look at, with a minimal wire-format reader.
/// </summary>
public static class OtlpLogRecords
{
    public static IReadOnlyList<OtlpLogRecord> Read(IEnumerable<byte[]> exports)
    {
        var records = new List<OtlpLogRecord>();
        foreach (var export in exports)
        {
            foreach (var (field, resourceLogs) in Fields(export))
            {
                if (field == 1)
                {
                    ReadResourceLogs(resourceLogs.Bytes, records);
                }
            }
        }

        return records;
    }

    private static void ReadResourceLogs(ReadOnlyMemory<byte> resourceLogs, List<OtlpLogRecord> records)
    {
        var (service, instance) = ("", "");
        foreach (var (field, value) in Fields(resourceLogs))
        {
            if (field == 1)
            {
                var resource = Attributes(value.Bytes);
                service = resource.GetValueOrDefault("service.name", "");
                instance = resource.GetValueOrDefault("service.instance.id", "");
            }
        }

        foreach (var (field, scopeLogs) in Fields(resourceLogs))
        {
            if (field != 2)
            {
                continue;
            }

            var category = "";
            foreach (var (scopeField, value) in Fields(scopeLogs.Bytes))
            {
                if (scopeField == 1)
                {
                    category = Fields(value.Bytes).Where(f => f.Field == 1).Select(f => f.Value.Text).FirstOrDefault() ?? "";
                }
                else if (scopeField == 2)
                {
                    records.Add(ReadRecord(service, instance, category, value.Bytes));
                }
            }
        }
    }

    private static OtlpLogRecord ReadRecord(string service, string instance, string category, ReadOnlyMemory<byte> record)
    {
        ulong time = 0;
        var severity = 0;
        var body = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Fields(record))
        {
            switch (field)
            {
                case 1:
                case 11 when time == 0:
                    time = value.Number;
                    break;
                case 2:
                    severity = (int)value.Number;
                    break;
                case 5:
                    body = StringValue(value.Bytes) ?? "";
                    break;
                case 6:
                    var (key, text) = KeyValue(value.Bytes);
                    attributes[key] = text;
                    break;
            }
        }

        return new OtlpLogRecord(service, category, severity, DateTimeOffset.UnixEpoch.AddTicks((long)(time / 100)), body, attributes, instance);
    }

    internal static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> resource)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Fields(resource))
        {
            if (field == 1)
            {
                var (key, text) = KeyValue(value.Bytes);
                attributes[key] = text;
            }
        }

        return attributes;
    }

    internal static (string Key, string Value) KeyValue(ReadOnlyMemory<byte> keyValue)
    {
        string key = "", text = "";
        foreach (var (field, value) in Fields(keyValue))
        {
            if (field == 1)
            {
                key = value.Text;
            }
            else if (field == 2)
            {
                text = StringValue(value.Bytes) ?? "";
            }
        }

        return (key, text);
    }

    /// <summary>AnyValue's string_value (field 1); other kinds (numbers, arrays) read as null.</summary>
    private static string? StringValue(ReadOnlyMemory<byte> anyValue) =>
        Fields(anyValue).Where(f => f.Field == 1).Select(f => f.Value.Text).FirstOrDefault();

    internal readonly record struct WireValue(ulong Number, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => Encoding.UTF8.GetString(Bytes.Span);
    }

    internal static List<(int Field, WireValue Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, WireValue)>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var tag = Varint(span, ref position);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    fields.Add((field, new WireValue(Varint(span, ref position), default)));
                    break;
                case 1:
                    fields.Add((field, new WireValue(BitConverter.ToUInt64(span.Slice(position, 8)), default)));
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref position);
                    fields.Add((field, new WireValue(0, message.Slice(position, length))));
                    position += length;
                    break;
                case 5:
                    fields.Add((field, new WireValue(BitConverter.ToUInt32(span.Slice(position, 4)), default)));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {tag & 7} in an OTLP export.");
            }
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
