namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>One exported span: which service, which trace, its parent (empty for a trace's root), name, kind, start and attributes.</summary>
public sealed record OtlpSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, DateTimeOffset Start,
    IReadOnlyDictionary<string, string> Attributes)
{
    public bool IsRoot => ParentSpanId.Length == 0;
}

/// <summary>
/// Reads the OTLP/HTTP protobuf trace exports the <see cref="TelemetryReceiver"/> kept (ExportTraceServiceRequest →
/// ResourceSpans → ScopeSpans → Span), with the wire-format reader of <see cref="OtlpLogRecords"/>.
/// </summary>
public static class OtlpSpans
{
    public static IReadOnlyList<OtlpSpan> Read(IEnumerable<byte[]> exports)
    {
        var spans = new List<OtlpSpan>();
        foreach (var export in exports)
        {
            foreach (var (field, resourceSpans) in OtlpLogRecords.Fields(export))
            {
                if (field != 1)
                {
                    continue;
                }

                var service = OtlpLogRecords.Fields(resourceSpans.Bytes).Where(f => f.Field == 1)
                    .Select(f => OtlpLogRecords.Attributes(f.Value.Bytes).GetValueOrDefault("service.name", "")).FirstOrDefault() ?? "";
                foreach (var scopeSpans in OtlpLogRecords.Fields(resourceSpans.Bytes).Where(f => f.Field == 2))
                {
                    spans.AddRange(OtlpLogRecords.Fields(scopeSpans.Value.Bytes).Where(f => f.Field == 2).Select(f => ReadSpan(service, f.Value.Bytes)));
                }
            }
        }

        return spans;
    }

    private static OtlpSpan ReadSpan(string service, ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        ulong start = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in OtlpLogRecords.Fields(span))
        {
            switch (field)
            {
                case 1:
                    traceId = Convert.ToHexStringLower(value.Bytes.Span);
                    break;
                case 2:
                    spanId = Convert.ToHexStringLower(value.Bytes.Span);
                    break;
                case 4:
                    parent = Convert.ToHexStringLower(value.Bytes.Span);
                    break;
                case 5:
                    name = value.Text;
                    break;
                case 6:
                    kind = (int)value.Number;
                    break;
                case 7:
                    start = value.Number;
                    break;
                case 9:
                    var (key, text) = OtlpLogRecords.KeyValue(value.Bytes);
                    attributes[key] = text;
                    break;
            }
        }

        return new OtlpSpan(service, traceId, spanId, parent, name, kind, DateTimeOffset.UnixEpoch.AddTicks((long)(start / 100)), attributes);
    }
}
