using System.Diagnostics;
using OpenTelemetry.Trace;
using ReliefPlatform.ServiceDefaults.Telemetry;

namespace ReliefPlatform.UnitTests.Telemetry;

public sealed class WorkOnlySamplerTests
{
    private static readonly WorkOnlySampler Sampler = new();

    private static readonly ActivityContext RecordedParent =
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

    private static SamplingDecision Decide(ActivityKind kind, ActivityContext parent = default) =>
        Sampler.ShouldSample(new SamplingParameters(parent, parent.TraceId == default ? ActivityTraceId.CreateRandom() : parent.TraceId, "postgresql", kind)).Decision;

    [Fact]
    public void A_database_or_http_call_that_starts_a_trace_of_its_own_is_not_recorded() =>
        Assert.Equal(SamplingDecision.Drop, Decide(ActivityKind.Client));

    [Theory]
    [InlineData(ActivityKind.Server)]
    [InlineData(ActivityKind.Consumer)]
    [InlineData(ActivityKind.Producer)]
    [InlineData(ActivityKind.Internal)]
    public void Requests_messages_and_named_acts_start_recorded_traces(ActivityKind kind) =>
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(kind));

    [Fact]
    public void A_call_made_by_recorded_work_is_recorded() =>
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(ActivityKind.Client, RecordedParent));
}
