using System.Diagnostics;
using OpenTelemetry.Trace;

namespace ReliefPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// Records the county's work and not its idling. A database, cache or HTTP call made outside any request, message or
/// named act — the background polling of outboxes, captures and sweeps, every two seconds whether or not there is
/// anything to do — would start a trace of its own; such a root client span is dropped, so an idle county leaves no
/// traces. Background work that does something starts a span named by the act first (<see cref="BusinessActs"/>), and
/// its calls are recorded under it; everything else follows its parent.
/// </summary>
public sealed class WorkOnlySampler : Sampler
{
    private static readonly Sampler Recorded = new ParentBasedSampler(new AlwaysOnSampler());

    public WorkOnlySampler() => Description = nameof(WorkOnlySampler);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client && samplingParameters.ParentContext.TraceId == default
            ? new SamplingResult(SamplingDecision.Drop)
            : Recorded.ShouldSample(samplingParameters);
}
