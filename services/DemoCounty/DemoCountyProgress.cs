using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ReliefPlatform.Demo;

/// <summary>
/// How far the filling has got, as the dashboard shows it: the meter <c>ReliefPlatform.DemoCounty</c> (a counter per step,
/// tagged with the step, and the current phase as a gauge) and a log line per phase with its count and duration.
/// </summary>
public sealed class DemoCountyProgress : IDisposable
{
    public const string MeterName = "ReliefPlatform.DemoCounty";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _done;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _durations = new(StringComparer.Ordinal);
    private int _phase;

    public DemoCountyProgress()
    {
        _done = _meter.CreateCounter<long>("demo_county.done", description: "Steps of the demo county done, by step");
        _meter.CreateObservableGauge("demo_county.phase", () => _phase, description: "The phase being filled (1 catalogue … 8 history, 9 finished)");
    }

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public IReadOnlyDictionary<string, TimeSpan> Durations => _durations;

    public void Count(string step, long by = 1)
    {
        _counts.AddOrUpdate(step, by, (_, n) => n + by);
        _done.Add(by, new KeyValuePair<string, object?>("step", step));
    }

    public long this[string step] => _counts.GetValueOrDefault(step);

    public int CurrentPhase
    {
        get => _phase;
        set => _phase = value;
    }

    public void Took(string phase, TimeSpan elapsed) => _durations[phase] = elapsed;

    public void Dispose() => _meter.Dispose();
}
