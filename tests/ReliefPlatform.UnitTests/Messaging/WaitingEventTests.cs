using System.Text;
using ReliefPlatform.Messaging;
using ReliefPlatform.Messaging.ErrorQueues;

namespace ReliefPlatform.UnitTests.Messaging;

/// <summary>Which parked messages are events waiting for their prerequisite, read from the fault headers the broker carries.</summary>
public sealed class WaitingEventTests
{
    [Fact]
    public void A_message_parked_for_a_missing_prerequisite_is_waiting_whether_the_header_arrives_as_bytes_or_text()
    {
        var name = typeof(PrerequisiteNotArrivedException).FullName!;

        Assert.True(ErrorQueueReplayer.IsWaiting(new Dictionary<string, object?> { [ErrorQueueReplayer.FaultExceptionTypeHeader] = Encoding.UTF8.GetBytes(name) }));
        Assert.True(ErrorQueueReplayer.IsWaiting(new Dictionary<string, object?> { [ErrorQueueReplayer.FaultExceptionTypeHeader] = name }));
    }

    [Fact]
    public void A_message_that_failed_for_another_reason_or_without_fault_headers_is_not_waiting()
    {
        Assert.False(ErrorQueueReplayer.IsWaiting(new Dictionary<string, object?> { [ErrorQueueReplayer.FaultExceptionTypeHeader] = Encoding.UTF8.GetBytes(typeof(InvalidOperationException).FullName!) }));
        Assert.False(ErrorQueueReplayer.IsWaiting(new Dictionary<string, object?>()));
    }

    [Fact]
    public void When_a_waiting_event_started_waiting_is_read_from_the_header_it_carries_across_replays()
    {
        Assert.Null(ErrorQueueReplayer.WaitingSince(new Dictionary<string, object?>()));
        Assert.Equal(1_700_000_000_000, ErrorQueueReplayer.WaitingSince(new Dictionary<string, object?> { [ErrorQueueReplayer.WaitingSinceHeader] = 1_700_000_000_000L }));
    }
}
